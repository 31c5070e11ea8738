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

package io.github.entraidentity.servlet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.ResponseGate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders application with {@code spring.threads.virtual.enabled=true} on Java 21+:
 * 10,000 virtual threads on a cold cache share one token request, and no virtual thread
 * is pinned to its carrier in our code while it waits. Skipped on Java 17, the build's
 * baseline; {@code .ci/run} runs it under a Java 21+ JDK when one is installed.
 *
 * @author Entra Identity contributors
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
class VirtualThreadsTests {

	private static final int CALLERS = 10_000;

	private static final Duration SAFETY_NET = Duration.ofSeconds(60);

	private static final String PINNED = "jdk.VirtualThreadPinned";

	private static final ResponseGate gate = new ResponseGate();

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(gate))
		.build();

	@RegisterExtension
	static WireMockExtension api = ProtectedOrdersApi.server();

	@Autowired
	private ClientSecretCredential credential;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		ProtectedOrdersApi.register(registry, entra, api);
	}

	@Test
	void tenThousandVirtualThreadsOnAColdCacheShareOneTokenRequestWithoutPinning(@TempDir Path dir) throws Exception {
		// One token request first, for another scope, as any running application has
		// made:
		// a virtual thread that loads or initializes a class pins its carrier meanwhile
		// (a
		// JDK limit that JEP 491 leaves), which is not what this test is about. The cache
		// stays cold for the scope under test.
		entra.stubFor(post(urlEqualTo(ProtectedOrdersApi.TOKEN_PATH)).withRequestBody(containing("warm-up"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-warm", 3600)));
		// So does the first contention on the cache's metrics counters (a counter's
		// cells, and their compare-and-set, are created and linked then): the warm-up
		// is a burst like the one under test.
		runOnVirtualThreads(CALLERS, () -> this.credential.getTokenSync("api://warm-up/.default"));
		entra.stubFor(post(urlEqualTo(ProtectedOrdersApi.TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-v", 3600).withTransformers(ResponseGate.NAME)));
		entra.resetRequests();
		gate.hold();
		List<Future<AccessToken>> callers = new ArrayList<>(CALLERS);
		try (Recording recording = new Recording()) {
			recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
			recording.start();
			ExecutorService threads = virtualThreadPerTask();
			try {
				for (int i = 0; i < CALLERS; i++) {
					callers.add(threads.submit(() -> this.credential.getTokenSync("api://virtual/.default")));
				}
				gate.awaitArrivals(1);
				gate.release();
				for (Future<AccessToken> caller : callers) {
					assertThat(caller.get(SAFETY_NET.toSeconds(), TimeUnit.SECONDS).token()).isEqualTo("tok-v");
				}
			}
			finally {
				threads.shutdownNow();
			}
			recording.stop();
			Path file = dir.resolve("virtual-threads.jfr");
			recording.dump(file);
			List<RecordedEvent> pinned = RecordingFile.readAllEvents(file)
				.stream()
				.filter((event) -> event.getEventType().getName().equals(PINNED))
				.toList();
			System.out
				.println("jdk.VirtualThreadPinned events while " + CALLERS + " virtual threads waited: " + pinned.size()
						+ ", from our code: " + pinned.stream().filter(VirtualThreadsTests::pinnedInOurCode).count());
			assertThat(pinned.stream().filter(VirtualThreadsTests::pinnedInOurCode)).isEmpty();
		}
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void servesRequestsOnVirtualThreadsThroughTheInterceptor() {
		ProtectedOrdersApi.stub(entra, api);
		RestClient app = RestClient.create("http://localhost:" + this.port);
		assertThat(app.get().uri("/thread").retrieve().body(String.class)).startsWith("VirtualThread");
		assertThat(app.get().uri("/orders").retrieve().body(String.class)).isEqualTo(ProtectedOrdersApi.ORDERS);
	}

	private static boolean pinnedInOurCode(RecordedEvent event) {
		if (event.getStackTrace() == null) {
			return false;
		}
		for (RecordedFrame frame : event.getStackTrace().getFrames()) {
			if (frame.getMethod().getType().getName().startsWith("io.github.entraidentity.credential")) {
				return true;
			}
		}
		return false;
	}

	private static void runOnVirtualThreads(int count, Runnable task) throws Exception {
		ExecutorService threads = virtualThreadPerTask();
		try {
			List<Future<?>> runs = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				runs.add(threads.submit(task));
			}
			for (Future<?> run : runs) {
				run.get(SAFETY_NET.toSeconds(), TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	// Compiled for Java 17, the build's baseline, and run on Java 21+ only
	private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

}
