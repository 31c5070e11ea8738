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
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several application contexts that use the starter in one JVM, as a test suite's context
 * cache holds them: closing one (which disposes Reactor Netty's global resources through
 * its {@link ReactorResourceFactory}) leaves the others' credentials working, and opening
 * and closing many in turn leaves no threads or connections behind.
 */
@ExtendWith(ReliabilityReportExtension.class)
class ApplicationContextsTests {

	private static final int CONTEXTS = 5;

	/**
	 * Threads that may come and go without anything leaking (JIT, GC, WireMock's request
	 * threads).
	 */
	private static final int THREAD_SLACK = 6;

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void closingOneContextLeavesTheOthersCredentialsWorkingAndNothingBehind() {
		entra.stubFor(post(urlPathMatching("/contexts-tenant/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token("contexts-token", 3600)));
		int port = entra.getRuntimeInfo().getHttpsPort();
		try (ConfigurableApplicationContext first = start()) {
			assertThat(token(first, "api://first-before/.default")).isEqualTo("contexts-token");
			try (ConfigurableApplicationContext second = start()) {
				assertThat(second.getBean(ReactorResourceFactory.class).isUseGlobalResources())
					.as("the context's ReactorResourceFactory manages Reactor Netty's global resources")
					.isTrue();
				assertThat(token(second, "api://second/.default")).isEqualTo("contexts-token");
			}
			assertThat(token(first, "api://first-after-second-closed/.default"))
				.as("a new token for the first context after the second closed")
				.isEqualTo("contexts-token");
			int threadsBefore = settledThreadCount();
			List<Integer> connectionsAfterEachClose = new ArrayList<>();
			for (int i = 0; i < CONTEXTS; i++) {
				try (ConfigurableApplicationContext other = start()) {
					assertThat(token(other, "api://other-" + i + "/.default")).isEqualTo("contexts-token");
				}
				assertThat(token(first, "api://first-after-" + i + "/.default")).isEqualTo("contexts-token");
				if (LoopbackConnections.isObservable()) {
					// Only the first context's connection stays open.
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(
								() -> assertThat(LoopbackConnections.clientConnectionsTo(port)).isLessThanOrEqualTo(1));
					connectionsAfterEachClose.add(LoopbackConnections.clientConnectionsTo(port));
				}
			}
			int threadsAfter = settledThreadCount();
			assertThat(threadsAfter).as("live threads after %d contexts opened and closed", CONTEXTS)
				.isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
			String connections = LoopbackConnections.isObservable()
					? "connections to the endpoint after each close "
							+ connectionsAfterEachClose.stream().distinct().toList()
					: "connections not observable on this OS";
			ReliabilityReport.record(Section.LOAD, 4,
					"application contexts in one JVM: a second context closes (disposing Reactor Netty's global"
							+ " resources), then " + CONTEXTS + " more are opened and closed in turn",
					"the first context's credential got a new token after every close; no thread growth beyond "
							+ THREAD_SLACK + " threads of JVM noise; only the first context's connection stays open",
					(2 + 2 * CONTEXTS + 2) + " (one per context and scope)",
					"threads " + threadsBefore + " -> " + threadsAfter + "; " + connections);
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("identity.tenant-id=contexts-tenant", "identity.client-id=contexts-client",
					"identity.client-secret=contexts-secret",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=" + TestTls.keystore().toUri(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12", "spring.main.banner-mode=off",
					"spring.jmx.enabled=false")
			.run();
	}

	private static String token(ConfigurableApplicationContext context, String scope) {
		return context.getBean(ClientSecretCredential.class).getToken(scope).block(Duration.ofSeconds(30)).token();
	}

	private static int settledThreadCount() {
		int lowest = Integer.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			lowest = Math.min(lowest, ManagementFactory.getThreadMXBean().getThreadCount());
			Thread.onSpinWait();
		}
		return lowest;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
