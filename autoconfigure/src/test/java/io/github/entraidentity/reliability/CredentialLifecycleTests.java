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
import java.util.Collections;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials that own their HTTP client share warm connections with the next one built
 * alike, and leave no connections or threads behind once the last one is closed.
 */
@ExtendWith(ReliabilityReportExtension.class)
class CredentialLifecycleTests {

	private static final int LIFECYCLES = 20;

	private static final int SCOPES_PER_CREDENTIAL = 3;

	/**
	 * Threads that may come and go in a JVM without anything leaking (JIT, GC, pools
	 * shared by every client such as Reactor Netty's event loops, created once).
	 */
	private static final int THREAD_SLACK = 4;

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void closingCredentialsThatOwnTheirClientLeavesNoThreadsOrConnectionsBehind() {
		entra.stubFor(post(urlPathMatching(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("lifecycle-token", 3600)));
		// The credential's own client has no custom trust, so it talks plain http to the
		// loopback endpoint (an authority the credential accepts for loopback only).
		String authority = entra.getRuntimeInfo().getHttpBaseUrl();
		int port = entra.getRuntimeInfo().getHttpPort();
		// The first lifecycle creates what the library shares JVM-wide (event loops).
		runLifecycle(authority, port);
		awaitNoConnections(port);
		int threadsBefore = settledThreadCount();
		long heapBefore = usedHeapAfterGc();
		Set<Integer> previousPorts = runLifecycle(authority, port);
		int reusedConnections = 0;
		for (int i = 0; i < LIFECYCLES; i++) {
			Set<Integer> ports = runLifecycle(authority, port);
			if (!Collections.disjoint(ports, previousPorts)) {
				reusedConnections++;
			}
			previousPorts = ports;
		}
		if (LoopbackConnections.isObservable()) {
			assertThat(reusedConnections).as("credentials that reused a connection of the one closed before them")
				.isEqualTo(LIFECYCLES);
		}
		awaitNoConnections(port);
		int threadsAfter = settledThreadCount();
		long heapAfter = usedHeapAfterGc();
		assertThat(threadsAfter).as("live threads after %d credential lifecycles", LIFECYCLES)
			.isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
		assertThat(heapAfter).as("used heap after GC").isLessThan(heapBefore + 32 * 1024 * 1024);
		String connections = LoopbackConnections.isObservable()
				? reusedConnections + " of " + LIFECYCLES + " reused a connection, 0 open after the last close()"
				: "connections not observable on this OS";
		ReliabilityReport.record(Section.LOAD, 3,
				LIFECYCLES + " credential lifecycles in a row (own HTTP client: build, " + SCOPES_PER_CREDENTIAL
						+ " tokens, close())",
				"each new credential reused a warm connection of the one closed just before it (no TLS handshake);"
						+ " 0 connections established once the last close()'s pool lingered out; no thread growth"
						+ " beyond " + THREAD_SLACK + " threads of JVM noise; heap after GC within 32 MiB",
				LIFECYCLES * SCOPES_PER_CREDENTIAL + " (one per credential and scope)",
				"threads " + threadsBefore + " -> " + threadsAfter + "; heap after GC " + mib(heapBefore) + " -> "
						+ mib(heapAfter) + "; " + connections);
	}

	private Set<Integer> runLifecycle(String authority, int port) {
		// Timeouts of this test's own: its credentials share a pool with no other test's
		ClientSecretCredential credential = TestCredentials.builder()
			.authority(authority)
			.connectTimeout(Duration.ofMillis(7919))
			.build();
		for (int scope = 0; scope < SCOPES_PER_CREDENTIAL; scope++) {
			assertThat(
					credential.getToken("api://lifecycle-" + scope + "/.default").block(Duration.ofSeconds(30)).token())
				.isEqualTo("lifecycle-token");
		}
		Set<Integer> ports = LoopbackConnections.clientPortsTo(port);
		if (LoopbackConnections.isObservable()) {
			assertThat(ports).as("the credential keeps its connection alive while open").isNotEmpty();
		}
		credential.close();
		assertThat(credential.isClosed()).isTrue();
		return ports;
	}

	private static void awaitNoConnections(int port) {
		if (LoopbackConnections.isObservable()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(LoopbackConnections.clientConnectionsTo(port))
					.as("connections to the endpoint after the last close()")
					.isZero());
		}
	}

	private static int settledThreadCount() {
		// Threads of finished work (a Jetty request thread, a JIT compiler) exit on their
		// own; take the lowest count seen over a short window.
		int lowest = Integer.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			lowest = Math.min(lowest, ManagementFactory.getThreadMXBean().getThreadCount());
			Thread.onSpinWait();
		}
		return lowest;
	}

	static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static String mib(long bytes) {
		return (bytes / (1024 * 1024)) + " MiB";
	}

}
