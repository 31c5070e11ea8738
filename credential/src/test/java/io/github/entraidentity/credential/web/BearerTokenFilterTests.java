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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

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
 * Calling a protected API through {@link BearerTokenFilter}, with WireMock over HTTPS as
 * both Entra's token endpoint and the API.
 */
class BearerTokenFilterTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private final ClientSecretCredential credential = TestCredentials.builder(entra)
		.additionallyAllowedTenants(List.of("tenant-b"))
		.build();

	@Test
	void setsBearerTokenFromTheCredential() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)))).isEqualTo("200 ok");
		api.verify(getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-1")));
		assertThat(form(entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(0)))
			.containsEntry("scope", ChallengingApi.SCOPE)
			.doesNotContainKey("claims");
	}

	@Test
	void reusesTheCachedTokenAcrossRequests() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE));
		for (int i = 0; i < 5; i++) {
			assertThat(call(client)).isEqualTo("200 ok");
		}
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(5, getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-1")));
	}

	@Test
	void requestsCaeTokensWhenCaeIsEnabled() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withCaeEnabled(true))))
			.isEqualTo("200 ok");
		assertThat(claimsSent(0)).isEqualTo(json.readTree("{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}"));
	}

	@Test
	void answersClaimsChallengeWithOneNewTokenAndOneRetry() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)))).isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(claimsSent(1)).isEqualTo(json.readTree("{\"access_token\":{\"nbf\":{\"essential\":true,"
				+ "\"value\":\"1726077595\"},\"xms_cc\":{\"values\":[\"CP1\"]}}}"));
		api.verify(2, getRequestedFor(urlEqualTo("/data")));
		api.verify(1, getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-2")));
	}

	@Test
	void servesTheChallengeTokenFromTheCacheAfterwardsWhenCaeIsEnabled() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withCaeEnabled(true));
		assertThat(call(client)).isEqualTo("200 ok");
		assertThat(call(client)).isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(3, getRequestedFor(urlEqualTo("/data")));
		api.verify(2, getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-2")));
	}

	@Test
	void returnsSecondChallengeWithoutRetryingAgain() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-2", 3600)));
		api.stubFor(get("/data").willReturn(ChallengingApi.challenge(ChallengingApi.CHALLENGE)));
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))))
			.isEqualTo("401 challenged");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(2, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void failsWithTheCredentialsErrorWhenTheChallengeCannotBeAnswered() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.error(400, "invalid_grant", 50005, "Claims are not satisfiable.")));
		api.stubFor(get("/data").willReturn(ChallengingApi.challenge(ChallengingApi.CHALLENGE)));
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> client.get().uri("/data").retrieve().toBodilessEntity().block())
			.withMessageContaining("AADSTS50005")
			.withMessageNotContaining("tok-1");
		api.verify(1, getRequestedFor(urlEqualTo("/data")));
	}

	static Stream<List<String>> unusableChallenges() {
		String claims = ChallengingApi.ENCODED_CLAIMS;
		return Stream.of(List.of(), List.of("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"%%%\""),
				List.of("Bearer realm=\"\", error=\"insufficient_claims\""),
				List.of("Bearer error=\"invalid_token\", claims=\"" + claims + "\""),
				List.of("Basic realm=\"x\", error=\"insufficient_claims\", claims=\"" + claims + "\""),
				List.of("PoP nonce=\"n\"", "Basic realm=\"x\""),
				List.of("Bearer error=\"insufficient_claims\", claims=\"" + claims),
				List.of("Bearer error=\"insufficient_claims\", claims=\""
						+ Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)) + "\""),
				// JSON the credential rejects: the caller gets the 401, not an exception
				List.of("Bearer error=\"insufficient_claims\", claims=\"" + Base64.getUrlEncoder()
					.encodeToString("{\"access_token\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + "\""));
	}

	@ParameterizedTest
	@MethodSource("unusableChallenges")
	void returnsUnauthorizedWithoutNewTokenWhenChallengeIsUnusable(List<String> wwwAuthenticate) {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ResponseDefinitionBuilder unauthorized = aResponse().withStatus(401).withBody("challenged");
		if (!wwwAuthenticate.isEmpty()) {
			unauthorized.withHeader("WWW-Authenticate", wwwAuthenticate.toArray(String[]::new));
		}
		api.stubFor(get("/data").willReturn(unauthorized));
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))))
			.isEqualTo("401 challenged");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(1, getRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void findsChallengeAmongSeveralHeaderValues() {
		ChallengingApi.stub(entra, TOKEN_PATH, api, "Basic realm=\"x\"",
				"PoP nonce=\"n\", " + ChallengingApi.CHALLENGE);
		assertThat(call(apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)))).isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void resendsBodyValueAfterClaimsChallenge() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		ResponseEntity<String> response = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)).post()
			.uri("/data")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "value"))
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		List<LoggedRequest> requests = api.findAll(postRequestedFor(urlEqualTo("/data")));
		assertThat(requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo("{\"name\":\"value\"}"))
			.allSatisfy((request) -> assertThat(request.getHeader("Content-Type")).startsWith("application/json"));
	}

	@Test
	void resendsBodyOfOneShotPublisherFromItsRecordedBytes() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		Flux<String> oneShot = Flux.fromStream(Stream.of("first,", "second"));
		ResponseEntity<String> response = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)).post()
			.uri("/data")
			.contentType(MediaType.TEXT_PLAIN)
			.body(oneShot, String.class)
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(api.findAll(postRequestedFor(urlEqualTo("/data")))).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo("first,second"));
	}

	@Test
	void returnsUnauthorizedUnchangedWhenBodyIsStreamed() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		Flux<Map<String, String>> lines = Flux.just(Map.of("line", "1"), Map.of("line", "2"));
		ResponseEntity<String> response = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)).post()
			.uri("/data")
			.contentType(MediaType.APPLICATION_NDJSON)
			.body(lines, Map.class)
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertUnchangedChallenge(response);
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(1, postRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void returnsUnauthorizedUnchangedWhenBodyIsLargerThanTheReplayLimit() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		ResponseEntity<String> response = apiClient(
				BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withMaxReplayBodySize(10))
			.post()
			.uri("/data")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("eleven byte")
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertUnchangedChallenge(response);
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		api.verify(1, postRequestedFor(urlEqualTo("/data")));
	}

	@Test
	void resendsBodyExactlyAtTheReplayLimit() {
		ChallengingApi.stub(entra, TOKEN_PATH, api);
		ResponseEntity<String> response = apiClient(
				BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withMaxReplayBodySize(10))
			.post()
			.uri("/data")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("ten bytes!")
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		api.verify(2, postRequestedFor(urlEqualTo("/data")).withRequestBody(equalTo("ten bytes!")));
	}

	@Test
	void routesTokenRequestToTheTenantOfTheRequestAttribute() {
		entra.stubFor(post(urlEqualTo("/tenant-b/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok-b", 3600)));
		api.stubFor(get("/data").withHeader("Authorization", equalTo("Bearer tok-b"))
			.willReturn(aResponse().withStatus(200).withBody("ok")));
		String result = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)).get()
			.uri("/data")
			.attribute(BearerTokenFilter.TENANT_ATTRIBUTE, "tenant-b")
			.exchangeToMono((r) -> r.bodyToMono(String.class).map((body) -> r.statusCode().value() + " " + body))
			.block();
		assertThat(result).isEqualTo("200 ok");
		entra.verify(1, postRequestedFor(urlEqualTo("/tenant-b/oauth2/v2.0/token")));
		entra.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void answersClaimsChallengeInTheTenantOfTheRequestAttribute() {
		entra.stubFor(post(urlEqualTo("/tenant-b/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok-b", 3600)));
		entra.stubFor(post(urlEqualTo("/tenant-b/oauth2/v2.0/token")).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-b2", 3600)));
		api.stubFor(get("/data").withHeader("Authorization", equalTo("Bearer tok-b"))
			.willReturn(ChallengingApi.challenge(ChallengingApi.CHALLENGE)));
		api.stubFor(get("/data").withHeader("Authorization", equalTo("Bearer tok-b2"))
			.willReturn(aResponse().withStatus(200).withBody("ok")));
		String result = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE)).get()
			.uri("/data")
			.attribute(BearerTokenFilter.TENANT_ATTRIBUTE, "tenant-b")
			.exchangeToMono((r) -> r.bodyToMono(String.class).map((body) -> r.statusCode().value() + " " + body))
			.block();
		assertThat(result).isEqualTo("200 ok");
		entra.verify(2, postRequestedFor(urlEqualTo("/tenant-b/oauth2/v2.0/token")));
	}

	@Test
	void failsWithTheCredentialsErrorForTenantThatIsNotAllowed() {
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> client.get()
				.uri("/data")
				.attribute(BearerTokenFilter.TENANT_ATTRIBUTE, "tenant-c")
				.retrieve()
				.toBodilessEntity()
				.block())
			.withMessageContaining("tenant-c");
		assertThat(api.getAllServeEvents()).isEmpty();
	}

	@Test
	void failsWithTheCredentialsErrorWithoutCallingTheApiWhenNoTokenCanBeHad() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> client.get().uri("/data").retrieve().toBodilessEntity().block())
			.withMessageContaining("AADSTS7000215");
		assertThat(api.getAllServeEvents()).isEmpty();
	}

	@Test
	void rejectsTenantAttributeThatIsNotAString() {
		WebClient client = apiClient(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.get()
				.uri("/data")
				.attribute(BearerTokenFilter.TENANT_ATTRIBUTE, 42)
				.retrieve()
				.toBodilessEntity()
				.block())
			.withMessageContaining(BearerTokenFilter.TENANT_ATTRIBUTE)
			.withMessageContaining("String");
	}

	@Test
	void refusesToSendTokenOverPlainHttpToAnotherHost() {
		WebClient client = TestTls.webClient()
			.mutate()
			.filter(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri("http://api.example.invalid/data").retrieve().toBodilessEntity().block())
			.withMessageContaining("api.example.invalid")
			.withMessageContaining("https://");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesToAttachTokenToARelativeUrlThatTheHttpClientWouldResolve() {
		HttpClient resolvingClient = HttpClient.create()
			.secure((spec) -> spec.sslContext(TestTls.trustingSslContext()))
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl());
		WebClient client = TestTls.webClient(resolvingClient)
			.mutate()
			.filter(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri("/data?sig=secret-signature").retrieve().toBodilessEntity().block())
			.withMessageContaining("no scheme or host")
			.withMessageNotContaining("secret-signature");
		assertThat(entra.getAllServeEvents()).isEmpty();
		assertThat(api.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesToAttachTokenToASchemeOtherThanHttpOrHttps() {
		WebClient client = TestTls.webClient()
			.mutate()
			.filter(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri("ftp://localhost/data").retrieve().toBodilessEntity().block())
			.withMessageContaining("scheme 'ftp'");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void sendsTokenOverPlainHttpToLoopback() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		WebClient client = TestTls.webClient()
			.mutate()
			.baseUrl(api.getRuntimeInfo().getHttpBaseUrl())
			.filter(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE))
			.build();
		assertThat(call(client)).isEqualTo("200 ok");
	}

	@Test
	void rejectsMissingScopesAndNegativeReplayLimit() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BearerTokenFilter.of(this.credential))
			.withMessageContaining("api://my-api/.default");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BearerTokenFilter.of(this.credential, " "));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withMaxReplayBodySize(-1))
			.withMessageContaining("maxReplayBodySize");
	}

	@Test
	@ExtendWith(LogCaptureExtension.class)
	void logsNeitherTokensNorHeadersWhileAnsweringChallenges(LogCapture output) {
		Logger logger = (Logger) LoggerFactory.getLogger(BearerTokenFilter.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			ChallengingApi.stub(entra, TOKEN_PATH, api);
			WebClient client = apiClient(
					BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withMaxReplayBodySize(0));
			assertThat(call(client)).isEqualTo("200 ok");
			client.post()
				.uri("/data?sig=secret-signature")
				.bodyValue("body")
				.retrieve()
				.toBodilessEntity()
				.onErrorComplete()
				.block();
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output.text()).contains("Answering the claims challenge of GET request to localhost")
			.contains("Not answering the claims challenge of POST request to localhost")
			.doesNotContain("tok-1")
			.doesNotContain("tok-2")
			.doesNotContain("secret-signature")
			.doesNotContainIgnoringCase("authorization:");
	}

	@Test
	void describesItselfWithoutTokens() {
		assertThat(BearerTokenFilter.of(this.credential, ChallengingApi.SCOPE).withCaeEnabled(true)).hasToString(
				"BearerTokenFilter[scopes=[api://my-api/.default], caeEnabled=true, maxReplayBodySize=262144]");
	}

	private static void assertUnchangedChallenge(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().get("WWW-Authenticate")).containsExactly(ChallengingApi.CHALLENGE);
		assertThat(response.getBody()).isEqualTo("challenged");
	}

	private static WebClient apiClient(BearerTokenFilter filter) {
		return TestTls.webClient().mutate().baseUrl(api.getRuntimeInfo().getHttpsBaseUrl()).filter(filter).build();
	}

	private static String call(WebClient client) {
		return client.get()
			.uri("/data")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> response.statusCode().value() + " " + body))
			.block();
	}

	private static JsonNode claimsSent(int tokenRequest) {
		String claims = form(entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(tokenRequest)).get("claims");
		assertThat(claims).isNotNull();
		return json.readTree(claims);
	}

	private static Map<String, String> form(LoggedRequest request) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : request.getBodyAsString().split("&")) {
			int equals = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

}
