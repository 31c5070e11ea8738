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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.ResponseGate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens are refreshed ahead of expiry in the background while callers keep getting the
 * valid cached token without waiting.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
class ProactiveRefreshTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final String SCOPE = "api://x/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	private static final String REFRESH_FAILED = "Background token refresh for tenant " + TestCredentials.TENANT;

	private static final ResponseGate gate = new ResponseGate();

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock(gate);

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final List<CacheResult> cacheResults = new CopyOnWriteArrayList<>();

	/**
	 * Token requests the credential started, counted when they start (on the caller's
	 * thread) rather than when they reach WireMock, so a test can assert that a call
	 * started none.
	 */
	private final AtomicInteger requestsStarted = new AtomicInteger();

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		this.scheduler.advanceTimeTo(Instant.now());
		this.credential = TestCredentials
			.builder(entra.getRuntimeInfo().getHttpsBaseUrl(), TestTls.webClient().mutate().filter((request, next) -> {
				this.requestsStarted.incrementAndGet();
				return next.exchange(request);
			}).build())
			.scheduler(this.scheduler)
			// Virtual time moves while a held request is in flight: keep its timeouts out
			// of the way
			.responseTimeout(Duration.ofDays(1))
			.totalTimeout(Duration.ofDays(1))
			.eventListener(new CredentialEventListener() {

				@Override
				public void cacheAccessed(CacheResult result) {
					ProactiveRefreshTests.this.cacheResults.add(result);
				}

			})
			.build();
	}

	@Test
	void freshTokenIsServedFromTheCacheUntilFiveMinutesBeforeExpiry() {
		respondWith(TokenResponses.token("tok-1", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300).minusMillis(1));
		for (int i = 0; i < 100; i++) {
			assertThat(getToken()).isEqualTo("tok-1");
		}
		assertThat(this.cacheResults).hasSize(101).containsOnly(CacheResult.MISS, CacheResult.HIT);
		assertThat(entra.getAllServeEvents()).hasSize(1);
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		respondWith(TokenResponses.token("tok-2", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.cacheResults).last().isEqualTo(CacheResult.REFRESHING);
		awaitToken("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	@Test
	void refreshOffsetIsConfigurable() {
		this.credential = TestCredentials.builder(entra)
			.scheduler(this.scheduler)
			.refreshOffset(Duration.ofMinutes(10))
			.build();
		respondWith(TokenResponses.token("tok-1", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofMinutes(50).minusMillis(1));
		assertThat(this.credential.cachedTokens()).singleElement()
			.satisfies(
					(view) -> assertThat(view.refreshAt()).isEqualTo(view.expiresOn().minus(Duration.ofMinutes(10))));
		respondWith(TokenResponses.token("tok-2", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(entra.getAllServeEvents()).hasSize(1);
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		awaitToken("tok-2");
	}

	@Test
	void shortLivedTokenIsReusedUntilHalfItsLifetime() {
		respondWith(TokenResponses.token("tok-1", 60));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30).minusMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.cacheResults).containsExactly(CacheResult.MISS, CacheResult.HIT);
		respondWith(TokenResponses.token("tok-2", 60));
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.cacheResults).last().isEqualTo(CacheResult.REFRESHING);
		awaitToken("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	@Test
	void serverSentRefreshInDecidesWhenToRefresh() {
		respondWith(tokenWithRefreshIn("tok-1", 3600, 1200));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1200).minusMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.cacheResults).containsExactly(CacheResult.MISS, CacheResult.HIT);
		respondWith(TokenResponses.token("tok-2", 3600));
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		awaitToken("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	@Test
	void callersInTheRefreshWindowGetTheCachedTokenAtOnceWhileOneRefreshIsInFlight() {
		respondWith(TokenResponses.token("tok-1", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		respondWith(TokenResponses.token("tok-2", 3600).withTransformers(ResponseGate.NAME));
		gate.hold();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300));
		for (int i = 0; i < 100; i++) {
			StepVerifier.create(this.credential.getToken(SCOPE))
				.assertNext((token) -> assertThat(token.token()).isEqualTo("tok-1"))
				.verifyComplete();
		}
		assertThat(this.requestsStarted).hasValue(2);
		gate.awaitArrivals(1);
		gate.release();
		awaitToken("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	@Test
	void failedRefreshKeepsServingTheCachedTokenLogsOnceAndWaitsBeforeTheNextAttempt(LogCapture output) {
		respondWith(TokenResponses.token("tok-1", 3600));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300));
		assertFailingRefreshIsGated(output);
	}

	@Test
	void failedRefreshAfterServerRefreshOnAlsoWaitsBeforeTheNextAttempt(LogCapture output) {
		respondWith(tokenWithRefreshIn("tok-1", 3600, 1200));
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1200));
		assertFailingRefreshIsGated(output);
	}

	private void assertFailingRefreshIsGated(LogCapture output) {
		respondWith(TokenResponses.error(401, "invalid_client", 7000222, "The client secret has expired.")
			.withTransformers(ResponseGate.NAME));
		gate.hold();
		for (int i = 0; i < 100; i++) {
			assertThat(getToken()).isEqualTo("tok-1");
		}
		gate.awaitArrivals(1);
		gate.release();
		assertThat(this.requestsStarted).hasValue(2);
		Awaitility.await().atMost(SAFETY_NET).until(() -> output.text().contains(REFRESH_FAILED));
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30).minusMillis(1));
		for (int i = 0; i < 100; i++) {
			assertThat(getToken()).isEqualTo("tok-1");
		}
		assertThat(this.requestsStarted).hasValue(2);
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.requestsStarted).hasValue(3);
		Awaitility.await().atMost(SAFETY_NET).until(() -> occurrences(output.text(), REFRESH_FAILED) == 2);
		assertThat(entra.getAllServeEvents()).hasSize(3);
		assertThat(output.text()).doesNotContain("tok-1").doesNotContain("s3cr3t");
		assertThat(output.text().lines().filter((line) -> line.contains(" WARN "))).hasSize(2);
	}

	@Test
	void onceTheTokenHasExpiredCallersWaitForAFetchAndGetItsError() {
		respondWith(TokenResponses.token("tok-1", 60));
		assertThat(getToken()).isEqualTo("tok-1");
		respondWith(TokenResponses.error(401, "invalid_client", 7000222, "The client secret has expired."));
		this.scheduler.advanceTimeBy(Duration.ofSeconds(60));
		StepVerifier.create(this.credential.getToken(SCOPE))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ClientAuthenticationException.class)
				.hasMessageContaining("AADSTS7000222"))
			.verify(SAFETY_NET);
		assertThat(this.cacheResults).last().isEqualTo(CacheResult.MISS);
		respondWith(TokenResponses.token("tok-2", 60));
		// Misses fail fast with Entra's answer for a few seconds after it rejected one
		this.scheduler.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(getToken()).isEqualTo("tok-2");
	}

	@Test
	void callersOfAnExpiredTokenJoinTheBackgroundRefreshAlreadyInFlight() {
		respondWith(TokenResponses.token("tok-1", 60));
		assertThat(getToken()).isEqualTo("tok-1");
		respondWith(TokenResponses.token("tok-2", 60).withTransformers(ResponseGate.NAME));
		gate.hold();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(getToken()).isEqualTo("tok-1");
		gate.awaitArrivals(1);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		CompletableFuture<AccessToken> waiting = this.credential.getToken(SCOPE).toFuture();
		assertThat(waiting).isNotDone();
		gate.release();
		assertThat(waiting).succeedsWithin(SAFETY_NET).extracting(AccessToken::token).isEqualTo("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	private String getToken() {
		return this.credential.getToken(SCOPE).block(SAFETY_NET).token();
	}

	private void awaitToken(String expected) {
		Awaitility.await().atMost(SAFETY_NET).until(() -> getToken().equals(expected));
	}

	private static void respondWith(ResponseDefinitionBuilder response) {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(response));
	}

	private static ResponseDefinitionBuilder tokenWithRefreshIn(String token, long expiresIn, long refreshIn) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"refresh_in\":" + refreshIn
					+ ",\"access_token\":\"" + token + "\"}");
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
