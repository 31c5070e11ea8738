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

package io.github.entraidentity.reliability;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many callers on a cold cache share one token request per scope.
 */
@ExtendWith(ReliabilityReportExtension.class)
class ConcurrentCallersTests {

	private static final int CALLERS = 10_000;

	private static final int SCOPES = 50;

	private static final int SUBSCRIBING_THREADS = 8;

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).containerThreads(SCOPES + 20))
		.build();

	@Test
	void tenThousandCallersAcrossFiftyScopesOnAColdCacheSendFiftyRequests() throws Exception {
		for (int i = 0; i < SCOPES; i++) {
			// The delay keeps every request in flight while all callers subscribe.
			entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withFormParam("scope", equalTo(scope(i)))
				.willReturn(TokenResponses.token("load-token-" + i, 3600).withFixedDelay(300)));
		}
		PoolMetrics poolMetrics = new PoolMetrics();
		ConnectionProvider connections = ConnectionProvider.builder("reliability-load")
			.maxConnections(SCOPES)
			.pendingAcquireMaxCount(-1)
			.metrics(true, () -> poolMetrics)
			.build();
		WebClient webClient = TestTls.webClient(HttpClient.create(connections));
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = TestCredentials.builder(entra.getRuntimeInfo().getHttpsBaseUrl(), webClient)
			.eventListener(events)
			// On a busy machine 50 TLS handshakes at once can take longer than the
			// default
			// 10 s per attempt; a timeout would retry and this test is about single
			// flight.
			.responseTimeout(Duration.ofSeconds(60))
			.totalTimeout(Duration.ofSeconds(120))
			.build();
		long began = System.nanoTime();
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch answered = new CountDownLatch(CALLERS);
		AtomicInteger rightToken = new AtomicInteger();
		Queue<String> problems = new ConcurrentLinkedQueue<>();
		Thread[] threads = new Thread[SUBSCRIBING_THREADS];
		for (int t = 0; t < SUBSCRIBING_THREADS; t++) {
			int first = t;
			threads[t] = new Thread(() -> {
				awaitQuietly(start);
				for (int caller = first; caller < CALLERS; caller += SUBSCRIBING_THREADS) {
					int scopeIndex = caller % SCOPES;
					credential.getToken(scope(scopeIndex)).subscribe((token) -> {
						if (token.token().equals("load-token-" + scopeIndex)) {
							rightToken.incrementAndGet();
						}
						else {
							problems.add("scope " + scopeIndex + " got another scope's token");
						}
						answered.countDown();
					}, (ex) -> {
						problems.add(ex.toString());
						answered.countDown();
					});
				}
			}, "reliability-caller-" + t);
			threads[t].start();
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(answered.await(60, TimeUnit.SECONDS)).as("all callers answered").isTrue();
		long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
		assertThat(problems).isEmpty();
		assertThat(rightToken).hasValue(CALLERS);
		entra.verify(SCOPES, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(events.fetches()).isEqualTo(SCOPES);
		assertThat(events.attempts()).as("HTTP attempts").isEqualTo(SCOPES);
		assertThat(events.total()).isEqualTo(CALLERS);
		// A connection goes back to the pool just after its response reached the callers.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(poolMetrics.acquired()).as("connections still acquired").isZero());
		assertThat(poolMetrics.pending()).isZero();
		int allocated = poolMetrics.allocated();
		credential.close();
		connections.disposeLater().block(Duration.ofSeconds(10));
		assertThat(connections.isDisposed()).isTrue();
		assertThat(poolMetrics.everRegistered()).as("connection pools created").isPositive();
		assertThat(poolMetrics.live()).as("connection pools left after disposal").isZero();
		ReliabilityReport.record(Section.LOAD, 1,
				"10,000 concurrent callers, 50 scopes, cold cache (300 ms endpoint delay)",
				"all 10,000 answered with their scope's token; 0 errors; pool: 0 acquired, 0 pending afterwards,"
						+ " no pool left after disposal",
				"50 (exactly one per scope)", "answered in " + elapsedMillis + " ms; cache events " + events.summary()
						+ "; " + allocated + " pooled connections; WireMock container threads " + (SCOPES + 20));
	}

	@Test
	void callersThatGiveUpDoNotCancelTheSharedRequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.token("patient-token", 3600).withFixedDelay(500)));
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = TestCredentials.builder(entra.getRuntimeInfo().getHttpsBaseUrl())
			.eventListener(events)
			.build();
		int impatient = 1000;
		AtomicInteger gaveUp = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(impatient);
		for (int i = 0; i < impatient; i++) {
			credential.getToken(scope(0))
				.timeout(Duration.ofMillis(20))
				.subscribe((token) -> done.countDown(), (ex) -> {
					gaveUp.incrementAndGet();
					done.countDown();
				});
		}
		awaitQuietly(done);
		// Every caller cancelled; the request still completes and fills the cache.
		await().atMost(Duration.ofSeconds(30)).until(() -> events.fetches() == 1);
		assertThat(credential.getToken(scope(0)).block(Duration.ofSeconds(10)).token()).isEqualTo("patient-token");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		credential.close();
		ReliabilityReport.record(Section.LOAD, 4,
				impatient + " callers that all give up (20 ms timeout) while the token request takes 500 ms",
				"the shared request is not cancelled: it completes, fills the cache, and the next caller gets the"
						+ " token without a request",
				"1", gaveUp.get() + " callers timed out");
	}

	@Test
	void manyDistinctScopesKeepTheCacheBounded() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("bounded-token", 3600)));
		int bound = 50;
		int scopes = 300;
		ClientSecretCredential credential = TestCredentials.builder(entra.getRuntimeInfo().getHttpsBaseUrl())
			.maxCacheEntries(bound)
			.build();
		int largest = 0;
		for (int i = 0; i < scopes; i++) {
			credential.getToken("api://distinct-" + i + "/.default").block(Duration.ofSeconds(10));
			largest = Math.max(largest, credential.cachedTokens().size());
		}
		assertThat(largest).as("cached tokens at any time").isLessThanOrEqualTo(bound);
		entra.verify(scopes, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		credential.close();
		ReliabilityReport.record(Section.LOAD, 5, scopes + " distinct scopes with maxCacheEntries(" + bound + ")",
				"the cache never held more than " + bound + " tokens (the least recently used are evicted)",
				scopes + " (one per scope)", "largest cache size seen " + largest);
	}

	private static String scope(int index) {
		return "api://load-" + index + "/.default";
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
