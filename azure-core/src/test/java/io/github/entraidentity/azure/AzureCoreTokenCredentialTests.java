/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.entraidentity.azure;

import java.net.URL;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.ProofOfPossessionOptions;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How the Azure SDK's token requests map onto the credential: scopes, claims, tenant, CAE
 * and the refresh point, against a real token endpoint.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class AzureCoreTokenCredentialTests {

	private static final String TENANT = "3f6d2c1e-0b5a-4f7e-9c8d-1a2b3c4d5e6f";

	private static final String OTHER_TENANT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

	private static final String STORAGE = "https://storage.azure.com/.default";

	private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ClientSecretCredential credential = credential(List.of());

	@AfterEach
	void close() {
		this.credential.close();
		this.time.dispose();
	}

	@Test
	void getTokenSendsTheScopesAndReturnsTheToken() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("storage-token", 3599)));
		AccessToken token = sdk().getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		assertThat(token.getToken()).isEqualTo("storage-token");
		assertThat(token.getTokenType()).isEqualTo("Bearer");
		assertThat(token.getExpiresAt()).isEqualTo(utc(START.plusSeconds(3599)));
		assertThat(onlyForm()).containsEntry("scope", STORAGE).doesNotContainKey("claims");
	}

	@Test
	void theTokenCarriesTheCredentialsRefreshPoint() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("storage-token", 3599)));
		AccessToken token = sdk().getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		// Not the SDK's own five minutes counted on its clock: the credential's point
		assertThat(token.getRefreshAt()).isEqualTo(utc(START.plusSeconds(3599 - 300)));
	}

	@Test
	void aServerSentRefreshInBecomesTheRefreshPoint() {
		entra.stubFor(post(anyUrl()).willReturn(okJson(
				"{\"access_token\":\"tok\",\"expires_in\":86399,\"refresh_in\":43199,\"token_type\":\"Bearer\"}")));
		AccessToken token = sdk().getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		assertThat(token.getRefreshAt()).isEqualTo(utc(START.plusSeconds(43199)));
	}

	@Test
	void aShortLivedTokenIsRefreshedAtHalfItsLifetimeNotAtOnce() {
		// The SDK's rule (five minutes before expiry) would ask again on every call
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 240)));
		AccessToken token = sdk().getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		assertThat(token.getRefreshAt()).isEqualTo(utc(START.plusSeconds(120)));
	}

	@Test
	void caeAsksForTheClientCapability() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 3599)));
		sdk().getToken(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true)).block();
		assertThat(onlyForm()).containsEntry("claims", "{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}");
	}

	@Test
	void caeAndNonCaeTokensAreCachedApart() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 3599)));
		AzureCoreTokenCredential sdk = sdk();
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true)).block();
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true)).block();
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		entra.verify(2, postRequestedFor(anyUrl()));
	}

	@Test
	void claimsFromAChallengeBypassTheCacheAndMergeWithCae() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 3599)));
		AzureCoreTokenCredential sdk = sdk();
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true)).block();
		String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1764417600\"}}}";
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true).setClaims(claims)).block();
		List<LoggedRequest> requests = entra.findAll(postRequestedFor(anyUrl()));
		assertThat(requests).hasSize(2);
		assertThat(TokenRequests.form(requests.get(1)).get("claims")).contains("\"nbf\"").contains("\"CP1\"");
	}

	@Test
	void anAllowedTenantIsRequestedFromThatTenant() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 3599)));
		ClientSecretCredential multiTenant = credential(List.of(OTHER_TENANT));
		AzureCoreTokenCredential.of(multiTenant)
			.getToken(new TokenRequestContext().addScopes(STORAGE).setTenantId(OTHER_TENANT))
			.block();
		multiTenant.close();
		entra.verify(1, postRequestedFor(urlEqualTo("/" + OTHER_TENANT + "/oauth2/v2.0/token")));
	}

	@Test
	void aTenantOutsideTheCredentialsRulesIsRefusedWithoutARequest() {
		Throwable failure = catchThrowable(
				() -> sdk().getToken(new TokenRequestContext().addScopes(STORAGE).setTenantId(OTHER_TENANT)).block());
		assertThat(failure).isInstanceOf(com.azure.core.exception.ClientAuthenticationException.class)
			.hasMessageContaining(OTHER_TENANT)
			.hasMessageContaining("additionally allowed tenants")
			.hasCauseInstanceOf(io.github.entraidentity.credential.ClientAuthenticationException.class);
		entra.verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void anEntraRefusalReachesTheSdkAsItsClientAuthenticationException() {
		entra.stubFor(post(anyUrl())
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		Throwable failure = catchThrowable(() -> sdk().getToken(new TokenRequestContext().addScopes(STORAGE)).block());
		assertThat(failure).isInstanceOf(com.azure.core.exception.ClientAuthenticationException.class)
			.hasMessageContaining("AADSTS7000215")
			.hasCauseInstanceOf(io.github.entraidentity.credential.ClientAuthenticationException.class);
	}

	@Test
	void aRequestWithoutScopeFailsNamingTheProblem() {
		Throwable failure = catchThrowable(() -> sdk().getToken(new TokenRequestContext()).block());
		assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scope");
		entra.verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void proofOfPossessionIsRefusedBecauseTheCredentialIssuesBearerTokens() throws Exception {
		TokenRequestContext pop = new TokenRequestContext().addScopes(STORAGE)
			.setProofOfPossessionOptions(new ProofOfPossessionOptions().setProofOfPossessionNonce("nonce")
				.setRequestUrl(new URL("https://127.0.0.1/devstoreaccount1"))
				.setRequestMethod(HttpMethod.GET));
		assertThatIllegalArgumentException().isThrownBy(() -> sdk().getToken(pop).block())
			.withMessageContaining("proof-of-possession");
	}

	@Test
	void getTokenSyncMapsTheRequestAndTheToken() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("sync-token", 3599)));
		AccessToken token = sdk().getTokenSync(new TokenRequestContext().addScopes(STORAGE).setCaeEnabled(true));
		assertThat(token.getToken()).isEqualTo("sync-token");
		assertThat(token.getRefreshAt()).isEqualTo(utc(START.plusSeconds(3599 - 300)));
		assertThat(onlyForm()).containsEntry("scope", STORAGE).containsKey("claims");
	}

	@Test
	void getTokenSyncAndGetTokenShareTheCache() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("shared-token", 3599)));
		AzureCoreTokenCredential sdk = sdk();
		sdk.getToken(new TokenRequestContext().addScopes(STORAGE)).block();
		assertThat(sdk.getTokenSync(new TokenRequestContext().addScopes(STORAGE)).getToken()).isEqualTo("shared-token");
		entra.verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void getTokenSyncIsTheCredentialsOwnBlockingPathNotABlockOnTheReactiveOne() throws Exception {
		// The credential's message, not Reactor's "block() are blocking" one
		Throwable failure = Mono
			.fromCallable(() -> catchThrowable(() -> sdk().getTokenSync(new TokenRequestContext().addScopes(STORAGE))))
			.subscribeOn(Schedulers.parallel())
			.block();
		assertThat(failure).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ClientSecretCredential.getTokenSync");
	}

	@Test
	void getTokenSyncReportsAnEntraRefusalAsTheSdksException() {
		entra.stubFor(post(anyUrl())
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		Throwable failure = catchThrowable(() -> sdk().getTokenSync(new TokenRequestContext().addScopes(STORAGE)));
		assertThat(failure).isInstanceOf(com.azure.core.exception.ClientAuthenticationException.class)
			.hasMessageContaining("AADSTS7000215");
	}

	@Test
	void getTokenIsLazy() {
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token("tok", 3599)));
		sdk().getToken(new TokenRequestContext().addScopes(STORAGE));
		entra.verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void ofRejectsNullNamingTheArgument() {
		assertThatNullPointerException().isThrownBy(() -> AzureCoreTokenCredential.of(null))
			.withMessageContaining("credential must not be null");
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(sdk().toString()).contains(TENANT).doesNotContain("client-secret-value");
	}

	private AzureCoreTokenCredential sdk() {
		return AzureCoreTokenCredential.of(this.credential);
	}

	private ClientSecretCredential credential(List<String> additionallyAllowedTenants) {
		this.time.advanceTimeTo(START);
		return ClientSecretCredential.builder()
			.tenantId(TENANT)
			.clientId("client-1")
			.clientSecret("client-secret-value")
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.additionallyAllowedTenants(additionallyAllowedTenants)
			.webClient(TestTls.webClient())
			.maxRetries(0)
			.scheduler(this.time)
			.build();
	}

	private static Map<String, String> onlyForm() {
		List<Map<String, String>> forms = TokenRequests.formsOf(entra);
		assertThat(forms).hasSize(1);
		return forms.get(0);
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
