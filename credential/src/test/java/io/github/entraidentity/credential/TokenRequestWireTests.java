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

package io.github.entraidentity.credential;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.entraidentity.credential.internal.UserAgent;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes over the wire for a token request: method, path, form fields and headers.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class TokenRequestWireTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void postsExactlyTheClientCredentialsFormToTheTenantsTokenEndpoint() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		AccessToken token = credential.getToken("api://b/.default", "https://graph.microsoft.com/User.Read").block();
		assertThat(token.token()).isEqualTo("tok-1");
		List<LoggedRequest> requests = entra.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/tenant-1/oauth2/v2.0/token");
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(TestCredentials.form(request)).containsOnlyKeys("client_id", "client_secret", "grant_type", "scope")
			.containsEntry("client_id", TestCredentials.CLIENT_ID)
			.containsEntry("client_secret", TestCredentials.SECRET)
			.containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "api://b/.default https://graph.microsoft.com/User.Read");
	}

	@Test
	void sendsScopesVerbatimInTheCallersOrder() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("Z-Scope/.Default", "a scope?with=odd&chars", "api://A").block();
		LoggedRequest request = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).get(0);
		assertThat(TestCredentials.form(request)).containsEntry("scope",
				"Z-Scope/.Default a scope?with=odd&chars api://A");
	}

	@Test
	void secretWithReservedAndNonAsciiCharactersArrivesIntact() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		String secret = "a+b/c=d?e@f&g%h i%20j+ü€😀";
		ClientSecretCredential credential = TestCredentials.builder(entra).clientSecret(secret).build();
		credential.getToken("api://b/.default").block();
		LoggedRequest request = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).get(0);
		assertThat(TestCredentials.form(request)).containsEntry("client_secret", secret);
	}

	@Test
	void surroundingWhitespaceOfTheSettingsIsNotSent() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.tenantId(" tenant-1\n")
			.clientId("\tclient-1 ")
			.clientSecret(" " + TestCredentials.SECRET + "\r\n")
			.build();
		credential.getToken("api://b/.default").block();
		LoggedRequest request = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).get(0);
		assertThat(TestCredentials.form(request)).containsEntry("client_id", TestCredentials.CLIENT_ID)
			.containsEntry("client_secret", TestCredentials.SECRET);
	}

	@Test
	void sendsNoClaimsFieldWithoutClaimsOrCae() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken(TokenRequestContext.of("api://b/.default").withClaims(" ")).block();
		LoggedRequest request = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).get(0);
		assertThat(TestCredentials.form(request)).doesNotContainKey("claims");
	}

	@Test
	void sendsTrackingAndUserAgentHeaders() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("api://b/.default").block();
		LoggedRequest request = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).get(0);
		assertThat(UUID.fromString(request.getHeader("x-ms-client-request-id")).version()).isEqualTo(4);
		assertThat(request.getHeader("return-client-request-id")).isEqualTo("true");
		assertThat(request.getHeader("User-Agent")).startsWith("entra-identity-spring-boot/0.1.0");
		assertThat(UserAgent.VERSION).isNotEqualTo("unknown").doesNotContain("${");
	}

	@Test
	void eachAttemptCarriesAFreshRequestId() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("retry")
			.whenScenarioStateIs("recovered")
			.willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1))
			.build();
		assertThat(credential.getToken("api://b/.default").block().token()).isEqualTo("tok-1");
		List<String> ids = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)))
			.stream()
			.map((request) -> request.getHeader("x-ms-client-request-id"))
			.toList();
		assertThat(ids).hasSize(2).doesNotHaveDuplicates().allSatisfy((id) -> UUID.fromString(id));
	}

	@Test
	void makesNoDiscoveryOrMetadataRequests() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("api://b/.default").block();
		credential.getToken(TokenRequestContext.of("api://c/.default").withCaeEnabled(true)).block();
		assertThat(entra.getAllServeEvents()).hasSize(2)
			.allSatisfy((event) -> assertThat(event.getRequest().getUrl()).isEqualTo(TestCredentials.TOKEN_PATH));
	}

}
