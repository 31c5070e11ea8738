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

package io.github.entraidentity.credential.web;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calling a protected API through {@link BearerTokenInterceptor} with {@code RestClient}
 * and {@code RestTemplate} on the JDK HTTP client, with WireMock over HTTPS as both
 * Entra's token endpoint and the API.
 *
 * @author Entra Identity contributors
 */
class BearerTokenInterceptorTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private final ClientSecretCredential credential = TestCredentials.builder(entra)
		.additionallyAllowedTenants(List.of("tenant-b"))
		.build();

	@Test
	void setsBearerTokenFromTheCacheOnEveryRequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		RestClient client = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE));
		for (int i = 0; i < 3; i++) {
			assertThat(call(client)).isEqualTo("200 ok");
		}
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(3, getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-1")));
	}

	@Test
	void reusesTheHeaderOfTheCachedTokenInsteadOfBuildingItPerRequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		List<String> sent = new CopyOnWriteArrayList<>();
		RestClient client = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE), sent);
		call(client);
		call(client);
		assertThat(sent).containsExactly("Bearer tok-1", "Bearer tok-1");
		assertThat(sent.get(1)).isSameAs(sent.get(0));
	}

	@Test
	void sendsTheNewTokenOnceTheCredentialServesAnother() {
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		AtomicReference<AccessToken> current = new AtomicReference<>(token("tok-a"));
		EntraCredential credential = (context) -> Mono.fromSupplier(current::get);
		List<String> sent = new CopyOnWriteArrayList<>();
		RestClient client = apiClient(BearerTokenInterceptor.of(credential, ChallengingApi.SCOPE), sent);
		call(client);
		current.set(token("tok-b"));
		call(client);
		assertThat(sent).containsExactly("Bearer tok-a", "Bearer tok-b");
	}

	@Test
	void replacesAnAuthorizationHeaderTheRequestHad() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE)).get()
			.uri("/data")
			.header("Authorization", "Basic dXNlcjpwYXNz")
			.retrieve()
			.toBodilessEntity();
		api.verify(getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-1")));
	}

	@Test
	void answersClaimsChallengeWithOneNewTokenAndOneRetry() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		assertThat(call(apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))))
			.isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("nbf"))
			.withRequestBody(containing("CP1")));
		api.verify(2, getRequestedFor(urlEqualTo("/data")));
		api.verify(1, getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-2")));
	}

	@Test
	void servesTheChallengeTokenFromTheCacheAfterwardsWhenCaeIsEnabled() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		RestClient client = apiClient(
				BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE).withCaeEnabled(true));
		assertThat(call(client)).isEqualTo("200 ok");
		assertThat(call(client)).isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(3, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void returnsSecondChallengeWithoutRetryingAgain() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-2", 3600)));
		api.stubFor(get("/data").willReturn(ChallengingApi.challenge(ChallengingApi.CHALLENGE)));
		assertThat(call(apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))))
			.isEqualTo("401 challenged");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(2, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void returnsUnauthorizedWithoutNewTokenWhenChallengeIsUnusable() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(ChallengingApi.challenge("Bearer error=\"invalid_token\"")));
		assertThat(call(apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))))
			.isEqualTo("401 challenged");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(1, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void resendsTheBodyAfterClaimsChallenge() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		ResponseEntity<String> response = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))
			.post()
			.uri("/data")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "value"))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		List<LoggedRequest> requests = api.findAll(postRequestedFor(urlEqualTo("/data")));
		assertThat(requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo("{\"name\":\"value\"}"))
			.allSatisfy((request) -> assertThat(request.getHeader("Content-Type")).startsWith("application/json"));
	}

	@Test
	void authenticatesRestTemplateRequestsAndAnswersTheirChallenges() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		RestTemplate template = new RestTemplate(requestFactory());
		template.getInterceptors().add(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE));
		String body = template.getForObject(api.getRuntimeInfo().getHttpsBaseUrl() + "/data", String.class);
		assertThat(body).isEqualTo("ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void routesTokenRequestToTheTenantOfTheRequestAttribute() {
		entra.stubFor(post(urlEqualTo("/tenant-b/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok-b", 3600)));
		api.stubFor(get("/data").withHeader("Authorization", equalTo("Bearer tok-b"))
			.willReturn(aResponse().withStatus(200).withBody("ok")));
		ResponseEntity<String> response = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))
			.get()
			.uri("/data")
			.attribute(BearerTokenInterceptor.TENANT_ATTRIBUTE, "tenant-b")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getBody()).isEqualTo("ok");
		entra.verify(1, postRequestedFor(urlEqualTo("/tenant-b/oauth2/v2.0/token")));
		entra.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void rejectsTenantAttributeThatIsNotAString() {
		RestClient client = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.get()
				.uri("/data")
				.attribute(BearerTokenInterceptor.TENANT_ATTRIBUTE, 42)
				.retrieve()
				.toBodilessEntity())
			.withMessageContaining(BearerTokenInterceptor.TENANT_ATTRIBUTE)
			.withMessageContaining("String");
		assertThat(api.getAllServeEvents()).isEmpty();
	}

	@Test
	void throwsTheCredentialsErrorWithoutCallingTheApiWhenNoTokenCanBeHad() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		RestClient client = apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> client.get().uri("/data").retrieve().toBodilessEntity())
			.withMessageContaining("AADSTS7000215");
		assertThat(api.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesToSendTokenOverPlainHttpToAnotherHost() {
		RestClient client = RestClient.builder()
			.requestFactory(requestFactory())
			.requestInterceptor(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri("http://api.example.invalid/data").retrieve().toBodilessEntity())
			.withMessageContaining("api.example.invalid")
			.withMessageContaining("https://")
			.withMessageContaining("withPlainHttpAllowed");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesToAttachTokenToASchemeOtherThanHttpOrHttps() {
		RestClient client = RestClient.builder()
			.requestFactory(requestFactory())
			.requestInterceptor(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri("ftp://localhost/data").retrieve().toBodilessEntity())
			.withMessageContaining("scheme 'ftp'");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void sendsTokenOverPlainHttpToLoopback() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		RestClient client = RestClient.builder()
			.requestFactory(requestFactory())
			.baseUrl(api.getRuntimeInfo().getHttpBaseUrl())
			.requestInterceptor(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThat(call(client)).isEqualTo("200 ok");
	}

	@Test
	void rejectsMissingScopes() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BearerTokenInterceptor.of(this.credential))
			.withMessageContaining("api://my-api/.default");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BearerTokenInterceptor.of(this.credential, " "));
	}

	@Test
	@ExtendWith(LogCaptureExtension.class)
	void logsNeitherTokensNorHeadersWhileAnsweringChallenges(LogCapture output) {
		Logger logger = (Logger) LoggerFactory.getLogger(BearerTokenInterceptor.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			ChallengingApi.stub(entra, TOKEN_PATH, api);
			apiClient(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE)).get()
				.uri("/data?sig=secret-signature")
				.retrieve()
				.toBodilessEntity();
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output.text()).contains("Answering the claims challenge of GET request to localhost")
			.doesNotContain("tok-1")
			.doesNotContain("tok-2")
			.doesNotContain("secret-signature")
			.doesNotContainIgnoringCase("authorization:");
	}

	@Test
	void describesItselfWithoutTokens() {
		assertThat(BearerTokenInterceptor.of(this.credential, ChallengingApi.SCOPE).withCaeEnabled(true))
			.hasToString("BearerTokenInterceptor[scopes=[api://my-api/.default], caeEnabled=true]");
	}

	private static JdkClientHttpRequestFactory requestFactory() {
		return new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().sslContext(TestTls.trustingJdkSslContext()).build());
	}

	private static RestClient apiClient(BearerTokenInterceptor interceptor) {
		return RestClient.builder()
			.requestFactory(requestFactory())
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.requestInterceptor(interceptor)
			.build();
	}

	// Records the Authorization header each request leaves with
	private static RestClient apiClient(BearerTokenInterceptor interceptor, List<String> sent) {
		return RestClient.builder()
			.requestFactory(requestFactory())
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.requestInterceptor(interceptor)
			.requestInterceptor((request, body, execution) -> {
				sent.add(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
				return execution.execute(request, body);
			})
			.build();
	}

	private static AccessToken token(String value) {
		return new AccessToken(value, Instant.now().plusSeconds(3600), "Bearer", null);
	}

	private static String call(RestClient client) {
		return client.get()
			.uri("/data")
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
	}

}
