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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Continuous {@code getToken} calls against tokens that live 2 seconds, in real time: 30
 * seconds in the default build, longer with {@code -Psoak} ({@value #DURATION_PROPERTY}).
 */
@ExtendWith(ReliabilityReportExtension.class)
class SoakTests {

	static final String DURATION_PROPERTY = "reliability.soak.seconds";

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final String SCOPE = "api://soak/.default";

	private static final int CALLER_THREADS = 3;

	private static final int TOKEN_LIFETIME_SECONDS = 2;

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void continuousCallersAreNeverKeptWaitingByARefreshAndNothingLeaks() throws Exception {
		long seconds = Long.getLong(DURATION_PROPERTY, 30);
		// Each response carries a new token, so refreshes are visible to callers.
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + TOKEN_LIFETIME_SECONDS
					+ ",\"access_token\":\"soak-{{randomValue length=20 type='ALPHANUMERIC'}}\"}")
			.withTransformers("response-template")));
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		PoolMetrics poolMetrics = new PoolMetrics();
		ConnectionProvider connections = ConnectionProvider.builder("reliability-soak")
			.maxConnections(4)
			.metrics(true, () -> poolMetrics)
			.build();
		WebClient webClient = TestTls.webClient(HttpClient.create(connections));
		CacheEvents events = new CacheEvents();
		// The default refresh offset (5 minutes) is longer than the lifetime, so tokens
		// are
		// refreshed at half-life: about 1 s after they arrive, 1 s before they expire.
		ClientSecretCredential credential = TestCredentials.builder(entra.getRuntimeInfo().getHttpsBaseUrl(), webClient)
			.eventListener(events)
			.build();
		primeWithAFreshToken(credential);
		long missesBefore = events.count(CacheResult.MISS);
		int requestsBefore = requestCount();
		long heapBefore = CredentialLifecycleTests.usedHeapAfterGc();
		Instant end = Instant.now().plusSeconds(seconds);
		AtomicLong calls = new AtomicLong();
		Set<String> tokensSeen = ConcurrentHashMap.newKeySet();
		Queue<String> problems = new ConcurrentLinkedQueue<>();
		Thread[] callers = new Thread[CALLER_THREADS];
		for (int t = 0; t < CALLER_THREADS; t++) {
			callers[t] = new Thread(() -> {
				while (Instant.now().isBefore(end) && problems.size() < 10) {
					try {
						AccessToken token = credential.getToken(SCOPE).block(Duration.ofSeconds(10));
						Instant received = Instant.now();
						if (!received.isBefore(token.expiresOn())) {
							problems.add("served a token that expired at " + token.expiresOn() + " at " + received);
						}
						tokensSeen.add(token.token());
						calls.incrementAndGet();
					}
					catch (RuntimeException ex) {
						problems.add(ex.toString());
					}
					// Pace the callers: a steady load, not a CPU burner on a shared
					// machine.
					LockSupport.parkNanos(1_000_000);
				}
			}, "reliability-soak-" + t);
			callers[t].start();
		}
		for (Thread caller : callers) {
			caller.join();
		}
		long heapAfter = CredentialLifecycleTests.usedHeapAfterGc();
		int requests = requestCount() - requestsBefore;
		long lowest = (long) Math.floor(seconds / 1.5) - 1;
		long highest = seconds / TOKEN_LIFETIME_SECONDS * 2 + 2;
		assertThat(problems).isEmpty();
		assertThat(events.count(CacheResult.MISS) - missesBefore).as("callers that had to wait for a token").isZero();
		assertThat(events.failedFetches()).isZero();
		assertThat(requests).as("token requests in %d s of 2-second tokens refreshed at half-life", seconds)
			.isBetween((int) lowest, (int) highest);
		assertThat(tokensSeen).hasSizeGreaterThanOrEqualTo(requests - 2);
		assertThat(heapAfter).as("used heap after GC").isLessThan(heapBefore + 32 * 1024 * 1024);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(poolMetrics.acquired()).as("connections acquired after the soak").isZero());
		credential.close();
		connections.disposeLater().block(Duration.ofSeconds(10));
		assertThat(connections.isDisposed()).isTrue();
		assertThat(poolMetrics.everRegistered()).as("connection pools created").isPositive();
		assertThat(poolMetrics.live()).as("connection pools left after disposal").isZero();
		if (LoopbackConnections.isObservable()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(LoopbackConnections.clientConnectionsTo(entra.getRuntimeInfo().getHttpsPort()))
							.isZero());
		}
		int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
		ReliabilityReport.record(Section.LOAD, 2,
				"soak: " + CALLER_THREADS + " threads calling getToken continuously, tokens live "
						+ TOKEN_LIFETIME_SECONDS + " s (30 s by default, longer with -Psoak)",
				"every call got a token that had not expired; no call waited on a refresh (0 cache misses); 0 failed"
						+ " refreshes; heap after GC flat (within 32 MiB); pool: 0 acquired connections, no pool left"
						+ " after disposal, 0 connections open afterwards",
				"within [D/1.5 - 1, D + 2] for D seconds (one refresh per half-life)",
				"D = " + seconds + " s: " + requests + " requests, " + calls.get() + " calls, " + tokensSeen.size()
						+ " distinct tokens, cache events " + events.summary() + "; heap after GC "
						+ CredentialLifecycleTests.mib(heapBefore) + " -> " + CredentialLifecycleTests.mib(heapAfter)
						+ "; threads " + threadsBefore + " -> " + threadsAfter);
	}

	/**
	 * Get a token that is still fresh when it arrives: the very first request also sets
	 * up the TLS connection, which on a busy machine can take longer than a 2-second
	 * token lives.
	 */
	private static void primeWithAFreshToken(ClientSecretCredential credential) {
		for (int i = 0; i < 100; i++) {
			AccessToken token = credential.getToken(SCOPE).block(Duration.ofSeconds(30));
			if (Instant.now().plusMillis(1000).isBefore(token.expiresOn())) {
				return;
			}
			// A late token starts a background refresh: give it a moment.
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		throw new IllegalStateException("No fresh token within 10 s: the machine is too slow for this test");
	}

	private static int requestCount() {
		return entra.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
	}

}
