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

package io.github.entraidentity.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenEndpoint}, served over HTTP by an {@link EmulatorServer}: Entra's
 * checks and errors, and scripted replies.
 *
 * @author Entra Identity contributors
 */
class TokenEndpointTests {

	private static final String TENANT = "6f1c1a6e-3b0d-4c5e-9a51-5e1b8f0c2d7a";

	private static final String CLIENT = "0c5e3f7a-8d2b-4e61-b1a9-3c7d9e2f4a10";

	private static final String SECRET = "emulator~Secret+/=&%20value";

	private static final String SCOPE = "api://entra-emulator-demo/.default";

	private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

	private final EmulatorSettings settings = EmulatorSettings.defaults()
		.withTenantId(TENANT)
		.withClientId(CLIENT)
		.withClientSecret(SECRET)
		.withResources("api://entra-emulator-demo")
		.withTokenLifetime(Duration.ofMinutes(2));

	private final TokenEndpoint endpoint = new TokenEndpoint(this.settings, new JwtSigner(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final EmulatorServer server = EmulatorServer.start(this.endpoint::answer, 0, null);

	private final String baseUrl = "http://127.0.0.1:" + this.server.port();

	private final WebTestClient client = WebTestClient.bindToServer().baseUrl(this.baseUrl).build();

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void issuesSignedTokenWithEntraClaimsAndLifetimes() {
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.noStore())
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 120)
			.containsEntry("ext_expires_in", 120);
		Map<String, Object> claims = SignedTokens.verify((String) body.get("access_token"),
				this.endpoint.signer().publicKey());
		assertThat(claims).containsEntry("tid", TENANT)
			.containsEntry("iss", this.baseUrl + "/" + TENANT + "/v2.0")
			.containsEntry("ver", "2.0")
			.containsEntry("appid", CLIENT)
			.containsEntry("azp", CLIENT)
			.containsEntry("aud", "api://entra-emulator-demo")
			.containsEntry("iat", (int) NOW.getEpochSecond())
			.containsEntry("nbf", (int) NOW.getEpochSecond())
			.containsEntry("exp", (int) NOW.plusSeconds(120).getEpochSecond());
		assertThat(this.endpoint.issued()).singleElement()
			.satisfies((token) -> assertThat(token.accessToken()).isEqualTo(body.get("access_token")));
	}

	@Test
	void acceptsTenantIdInAnyCase() {
		requestToken(TENANT.toUpperCase(), form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
	}

	@Test
	void rejectsWrongSecretAsInvalidClientLikeEntra() {
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, "wrong", SCOPE)).expectStatus()
			.isUnauthorized()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", "invalid_client")
			.containsEntry("error_codes", List.of(7000215))
			.containsEntry("correlation_id", "caller-correlation-id")
			.containsEntry("timestamp", "2026-11-26 06:00:00Z")
			.containsEntry("error_uri", this.baseUrl + "/error?code=7000215")
			.containsKey("trace_id");
		assertThat((String) body.get("error_description"))
			.startsWith("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request"
					+ " is the client secret value, not the client secret ID")
			.contains("Trace ID: " + body.get("trace_id"), "Correlation ID: caller-correlation-id",
					"Timestamp: 2026-11-26 06:00:00Z")
			.doesNotContain("wrong");
		assertThat(this.endpoint.issued()).isEmpty();
	}

	@Test
	void comparesSecretWithSpecialCharactersExactlyAsSent() {
		requestToken(TENANT, form(CLIENT, "emulator~Secret /=&%20value", SCOPE)).expectStatus().isUnauthorized();
		requestToken(TENANT, form(CLIENT, "emulator~Secret+/=& value", SCOPE)).expectStatus().isUnauthorized();
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
	}

	@Test
	void rejectsMissingSecretAsInvalidClient() {
		MultiValueMap<String, String> form = form(CLIENT, SECRET, SCOPE);
		form.remove("client_secret");
		expectError(TENANT, form, HttpStatus.UNAUTHORIZED, "invalid_client", 7000216);
	}

	@Test
	void rejectsUnknownTenantWithAadsts90002() {
		expectError("00000000-0000-0000-0000-000000000000", form(CLIENT, SECRET, SCOPE), HttpStatus.BAD_REQUEST,
				"invalid_request", 90002);
	}

	@Test
	void rejectsUnknownClientAsUnauthorizedClient() {
		expectError(TENANT, form("11111111-1111-1111-1111-111111111111", SECRET, SCOPE), HttpStatus.BAD_REQUEST,
				"unauthorized_client", 700016);
	}

	@Test
	void rejectsScopeWithoutDefaultSuffixAsInvalidScope() {
		expectError(TENANT, form(CLIENT, SECRET, "api://entra-emulator-demo/read"), HttpStatus.BAD_REQUEST,
				"invalid_scope", 70011);
	}

	@Test
	void rejectsScopeOfUnknownResource() {
		expectError(TENANT, form(CLIENT, SECRET, "https://graph.microsoft.com/.default"), HttpStatus.BAD_REQUEST,
				"invalid_resource", 500011);
	}

	@Test
	void rejectsMissingGrantTypeAndOtherGrantTypes() {
		MultiValueMap<String, String> form = form(CLIENT, SECRET, SCOPE);
		form.remove("grant_type");
		expectError(TENANT, form, HttpStatus.BAD_REQUEST, "invalid_request", 900144);
		form.add("grant_type", "password");
		expectError(TENANT, form, HttpStatus.BAD_REQUEST, "unsupported_grant_type", 70003);
	}

	@Test
	void publishesSigningKeyThatMatchesTokenKeyId() {
		this.client.get()
			.uri("/" + TENANT + "/discovery/v2.0/keys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keys[0].kid")
			.isEqualTo(this.endpoint.signer().keyId())
			.jsonPath("$.keys[0].kty")
			.isEqualTo("RSA");
		this.client.get()
			.uri("/" + TENANT + "/v2.0/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token_endpoint")
			.isEqualTo(this.baseUrl + "/" + TENANT + "/oauth2/v2.0/token");
	}

	@Test
	void rejectsExpiredSecretWithAadsts7000222() {
		this.endpoint.update(TokenEndpoint.State::withSecretExpired);
		expectError(TENANT, form(CLIENT, SECRET, SCOPE), HttpStatus.UNAUTHORIZED, "invalid_client", 7000222);
	}

	@Test
	void changedSecretMakesTheOldOneWrong() {
		this.endpoint.update((state) -> state.withClientSecret("rotated-secret"));
		expectError(TENANT, form(CLIENT, SECRET, SCOPE), HttpStatus.UNAUTHORIZED, "invalid_client", 7000215);
		requestToken(TENANT, form(CLIENT, "rotated-secret", SCOPE)).expectStatus().isOk();
	}

	@Test
	void throttledReplyCarriesRetryAfterAndIsAnsweredOnce() {
		this.endpoint.replyNext(List.of(EmulatorReply.throttled(Duration.ofSeconds(5))));
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", "temporarily_unavailable");
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
	}

	@Test
	void outageAnswersWithEntraJsonOrAGatewayPage() {
		this.endpoint.replyNext(List.of(EmulatorReply.outage(503), EmulatorReply.outage(502)));
		expectError(TENANT, form(CLIENT, SECRET, SCOPE), HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
				90033);
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void scriptedRepliesComeInOrderThenNormalAnswersAndAreRecordedWithoutSecret() {
		this.endpoint.replyNext(List.of(EmulatorReply.outage(500), EmulatorReply.unknownClient()));
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isBadRequest()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", "unauthorized_client").containsEntry("error_codes", List.of(700016));
		assertThat((String) body.get("error_description")).contains("'" + CLIENT + "'", "'" + TENANT + "'");
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
		assertThat(this.endpoint.requests()).extracting(TokenRequest::status).containsExactly(500, 400, 200);
		assertThat(this.endpoint.requests()).allSatisfy((request) -> {
			assertThat(request.clientId()).isEqualTo(CLIENT);
			assertThat(request.scope()).isEqualTo(SCOPE);
			assertThat(request.correlationId()).isEqualTo("caller-correlation-id");
			assertThat(request.toString()).doesNotContain(SECRET);
		});
	}

	@Test
	void scriptedUnknownTenantNamesTheRequestedTenant() {
		this.endpoint.replyNext(List.of(EmulatorReply.unknownTenant()));
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isBadRequest()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error_codes", List.of(90002));
		assertThat((String) body.get("error_description")).contains("Tenant '" + TENANT + "' not found");
	}

	@Test
	void standingReplyHoldsUntilReset() {
		this.endpoint.update((state) -> state.withAlways(EmulatorReply.expiredSecret()));
		expectError(TENANT, form(CLIENT, SECRET, SCOPE), HttpStatus.UNAUTHORIZED, "invalid_client", 7000222);
		expectError(TENANT, form(CLIENT, SECRET, SCOPE), HttpStatus.UNAUTHORIZED, "invalid_client", 7000222);
		this.endpoint.reset();
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
		assertThat(this.endpoint.requests()).singleElement().extracting(TokenRequest::status).isEqualTo(200);
	}

	@Test
	void issuesAzureServiceTokensWithStsIssuerForAnyResource() {
		TokenEndpoint azure = new TokenEndpoint(EmulatorSettings.defaults().withTenantId(TENANT).withStsIssuer(),
				new JwtSigner(), Clock.fixed(NOW, ZoneOffset.UTC));
		Map<String, Object> body;
		try (EmulatorServer azureServer = EmulatorServer.start(azure::answer, 0, null)) {
			body = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + azureServer.port())
				.build()
				.post()
				.uri("/" + TENANT + "/oauth2/v2.0/token")
				.body(BodyInserters.fromFormData(form(EmulatorSettings.DEFAULT_CLIENT_ID,
						EmulatorSettings.DEFAULT_CLIENT_SECRET, "https://storage.azure.com/.default")))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(MAP)
				.returnResult()
				.getResponseBody();
		}
		Map<String, Object> claims = SignedTokens.verify((String) body.get("access_token"), azure.signer().publicKey());
		assertThat(claims).containsEntry("iss", "https://sts.windows.net/" + TENANT + "/")
			.containsEntry("aud", "https://storage.azure.com")
			.containsEntry("ver", "1.0")
			.containsEntry("iat", (int) NOW.getEpochSecond())
			.containsEntry("nbf", (int) NOW.getEpochSecond())
			.containsEntry("exp", (int) NOW.plusSeconds(3600).getEpochSecond());
	}

	@Test
	void changedTokenLifetimeAppliesToTheNextToken() {
		this.endpoint.update((state) -> state.withTokenLifetime(Duration.ofMinutes(10)));
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.expires_in")
			.isEqualTo(600);
		assertThat(this.endpoint.issued()).singleElement()
			.satisfies((token) -> assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(600)));
	}

	@Test
	void tokenRequestedWithClaimsAnswersTheChallengeAndDeclaresCaeCapability() {
		InsufficientClaimsChallenge challenge = new InsufficientClaimsChallenge(NOW, "http://localhost/authorize");
		MultiValueMap<String, String> form = form(CLIENT, SECRET, SCOPE);
		form.add("claims", challenge.claims().replace("}}}", "},\"xms_cc\":{\"values\":[\"CP1\"]}}}"));
		requestToken(TENANT, form).expectStatus().isOk();
		IssuedToken token = this.endpoint.issued().get(0);
		assertThat(token.claims()).containsEntry("xms_cc", List.of("CP1"));
		assertThat(challenge.isAnsweredBy(token)).isTrue();
		assertThat(
				new InsufficientClaimsChallenge(NOW.plusSeconds(1), "http://localhost/authorize").isAnsweredBy(token))
			.isFalse();
		assertThat(challenge.wwwAuthenticate())
			.startsWith("Bearer realm=\"\", authorization_uri=\"http://localhost/authorize\"")
			.contains("error=\"insufficient_claims\"", "claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7");
	}

	@Test
	void tokenRequestedWithoutClaimsDoesNotAnswerAChallenge() {
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
		assertThat(new InsufficientClaimsChallenge(NOW, "http://localhost/authorize")
			.isAnsweredBy(this.endpoint.issued().get(0))).isFalse();
	}

	private void expectError(String tenant, MultiValueMap<String, String> form, HttpStatus status, String error,
			int code) {
		Map<String, Object> body = requestToken(tenant, form).expectStatus()
			.isEqualTo(status)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", error).containsEntry("error_codes", List.of(code));
		assertThat((String) body.get("error_description")).startsWith("AADSTS" + code + ": ");
	}

	private WebTestClient.ResponseSpec requestToken(String tenant, MultiValueMap<String, String> form) {
		return this.client.post()
			.uri("/" + tenant + "/oauth2/v2.0/token")
			.header("client-request-id", "caller-correlation-id")
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private static MultiValueMap<String, String> form(String clientId, String secret, String scope) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", clientId);
		form.add("client_secret", secret);
		form.add("scope", scope);
		return form;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
