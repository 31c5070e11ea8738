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

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.entraidentity.credential.internal.ClaimsRequestLimiter;
import io.github.entraidentity.credential.observation.ClaimsRequestLimit;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Token requests with claims bypass the cache, so an API that challenges every call could
 * turn every call into a token request: the credential reuses the token of identical
 * claims for a short while and limits such requests per scope set.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
@ExtendWith(LogCaptureExtension.class)
class ClaimsRequestLimitTests {

	private static final String SCOPE = "api://my-api/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final List<ClaimsRequestLimit> limits = new CopyOnWriteArrayList<>();

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		this.clock.advanceTimeTo(Instant.parse("2026-11-26T06:00:00Z"));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-plain", 3600)));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).withRequestBody(containing("claims="))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-claims", 3600)));
		this.credential = TestCredentials.builder(entra)
			.scheduler(this.clock)
			.eventListener(new CredentialEventListener() {

				@Override
				public void claimsRequestLimited(ClaimsRequestLimit limit) {
					ClaimsRequestLimitTests.this.limits.add(limit);
				}

			})
			.build();
	}

	@Test
	void identicalClaimsWithinTheReuseWindowGetTheTokenTheyProduced() {
		String claims = nbf(1);
		assertThat(tokenWith(SCOPE, claims)).isEqualTo("tok-claims");
		assertThat(tokenWith(SCOPE, claims)).isEqualTo("tok-claims");
		this.clock.advanceTimeBy(ClaimsRequestLimiter.REUSE_WINDOW.minusSeconds(1));
		assertThat(tokenWith(SCOPE, claims)).isEqualTo("tok-claims");
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.limits).containsExactly(ClaimsRequestLimit.REUSED, ClaimsRequestLimit.REUSED);
		this.clock.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(tokenWith(SCOPE, claims)).isEqualTo("tok-claims");
		entra.verify(2, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void requestsWithClaimsPerScopeSetAreLimitedPerWindowWithOneWarning(LogCapture output) {
		for (int i = 0; i < ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW; i++) {
			assertThat(tokenWith(SCOPE, nbf(i))).isEqualTo("tok-claims");
		}
		for (int i = 0; i < 3; i++) {
			int attempt = i;
			assertThatExceptionOfType(ClaimsRequestLimitedException.class)
				.isThrownBy(() -> tokenWith(SCOPE, nbf(100 + attempt)))
				.withMessageContaining(SCOPE)
				.withMessageContaining("5 were sent in the last 60 s");
		}
		entra.verify(ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW,
				postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.limits).containsExactly(ClaimsRequestLimit.REFUSED, ClaimsRequestLimit.REFUSED,
				ClaimsRequestLimit.REFUSED);
		assertThat(output.text().split("WARN", -1)).as("WARN lines").hasSize(2);
		// Other scope sets keep their own budget, and the next window brings a new one
		assertThat(tokenWith("api://other/.default", nbf(200))).isEqualTo("tok-claims");
		this.clock.advanceTimeBy(ClaimsRequestLimiter.WINDOW);
		assertThat(tokenWith(SCOPE, nbf(300))).isEqualTo("tok-claims");
		entra.verify(ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW + 2,
				postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void apiThatChallengesEveryCallGetsItsOwn401OnceTheLimitIsReached() {
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate",
					"Bearer error=\"insufficient_claims\", claims=\"{{{base64 (join '{\"access_token\":{\"nbf\":"
							+ "{\"essential\":true,\"value\":\"' (randomValue length=10 type='NUMERIC') '\"}}}' '')}}}\"")
			.withBody("challenged")
			.withTransformers("response-template")));
		WebClient client = TestTls.webClient()
			.mutate()
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.filter(BearerTokenFilter.of(this.credential, SCOPE))
			.build();
		for (int i = 0; i < 20; i++) {
			String result = client.get()
				.uri("/data")
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.map((body) -> response.statusCode().value() + " " + body))
				.block();
			assertThat(result).isEqualTo("401 challenged");
		}
		// One plain token, then the budget of requests with claims: not one per call
		entra.verify(1 + ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW,
				postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		api.verify(20 + ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW, getRequestedFor(urlEqualTo("/data")));
		assertThat(this.limits).hasSize(20 - ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW)
			.containsOnly(ClaimsRequestLimit.REFUSED);
	}

	@Test
	void restClientThatIsChallengedOnEveryCallGetsItsOwn401OnceTheLimitIsReached() {
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate",
					"Bearer error=\"insufficient_claims\", claims=\"{{{base64 (join '{\"access_token\":{\"nbf\":"
							+ "{\"essential\":true,\"value\":\"' (randomValue length=10 type='NUMERIC') '\"}}}' '')}}}\"")
			.withBody("challenged")
			.withTransformers("response-template")));
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().sslContext(TestTls.trustingJdkSslContext()).build()))
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.requestInterceptor(BearerTokenInterceptor.of(this.credential, SCOPE))
			.build();
		for (int i = 0; i < 20; i++) {
			String result = client.get()
				.uri("/data")
				.exchange((request, response) -> response.getStatusCode().value() + " "
						+ new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
			assertThat(result).isEqualTo("401 challenged");
		}
		entra.verify(1 + ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW,
				postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		api.verify(20 + ClaimsRequestLimiter.MAX_REQUESTS_PER_WINDOW, getRequestedFor(urlEqualTo("/data")));
	}

	private String tokenWith(String scope, String claims) {
		return this.credential.getToken(TokenRequestContext.of(scope).withClaims(claims))
			.block(Duration.ofSeconds(10))
			.token();
	}

	private static String nbf(int value) {
		return "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + value + "\"}}}";
	}

	static String encoded(String claims) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
	}

}
