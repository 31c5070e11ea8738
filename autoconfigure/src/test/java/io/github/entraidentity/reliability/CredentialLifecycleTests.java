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
import java.util.ArrayList;
import java.util.List;

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
 * A credential that owns its HTTP client gives back its connections and threads on
 * {@code close()}.
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
		// The first lifecycle creates what Reactor Netty shares JVM-wide (event loops).
		runLifecycle(authority, port);
		int threadsBefore = settledThreadCount();
		long heapBefore = usedHeapAfterGc();
		List<Integer> peakConnections = new ArrayList<>();
		for (int i = 0; i < LIFECYCLES; i++) {
			peakConnections.add(runLifecycle(authority, port));
		}
		int threadsAfter = settledThreadCount();
		long heapAfter = usedHeapAfterGc();
		assertThat(threadsAfter).as("live threads after %d credential lifecycles", LIFECYCLES)
			.isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
		assertThat(heapAfter).as("used heap after GC").isLessThan(heapBefore + 32 * 1024 * 1024);
		String connections = LoopbackConnections.isObservable()
				? "open connections while in use " + peakConnections.stream().distinct().toList() + ", 0 after close()"
				: "connections not observable on this OS";
		ReliabilityReport.record(Section.LOAD, 3,
				LIFECYCLES + " credential lifecycles (own HTTP client: build, " + SCOPES_PER_CREDENTIAL
						+ " tokens, close())",
				"every close() released its connections (0 established afterwards); no thread growth beyond "
						+ THREAD_SLACK + " threads of JVM noise; heap after GC within 32 MiB",
				LIFECYCLES * SCOPES_PER_CREDENTIAL + " (one per credential and scope)",
				"threads " + threadsBefore + " -> " + threadsAfter + "; heap after GC " + mib(heapBefore) + " -> "
						+ mib(heapAfter) + "; " + connections);
	}

	private int runLifecycle(String authority, int port) {
		ClientSecretCredential credential = TestCredentials.builder().authority(authority).build();
		for (int scope = 0; scope < SCOPES_PER_CREDENTIAL; scope++) {
			assertThat(
					credential.getToken("api://lifecycle-" + scope + "/.default").block(Duration.ofSeconds(30)).token())
				.isEqualTo("lifecycle-token");
		}
		int open = LoopbackConnections.clientConnectionsTo(port);
		if (LoopbackConnections.isObservable()) {
			assertThat(open).as("the credential keeps its connection alive while open").isPositive();
		}
		credential.close();
		assertThat(credential.isClosed()).isTrue();
		if (LoopbackConnections.isObservable()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(LoopbackConnections.clientConnectionsTo(port))
					.as("connections to the endpoint after close()")
					.isZero());
		}
		return open;
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
