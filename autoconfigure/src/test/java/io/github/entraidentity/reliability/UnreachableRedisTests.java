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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.RedisConnections;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that accepts connections and never answers, and one that is not listening,
 * under an application whose handlers call {@code getToken} on their event loop: the
 * callers are answered within the Redis timeout plus the token fetch, the application's
 * other endpoints keep answering, and BlockHound sees no event-loop thread block.
 */
@ExtendWith(ReliabilityReportExtension.class)
class UnreachableRedisTests {

	private static final int CALLERS = 20;

	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

	/**
	 * Scheduling noise on a loaded two-core machine; a blocked event loop costs the
	 * connect timeout (10 s) instead.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final Duration SAFETY_NET = Duration.ofSeconds(60);

	private static final List<BlockingCall> blockingCalls = new CopyOnWriteArrayList<>();

	private static volatile boolean watching;

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@BeforeAll
	static void watchEventLoops() {
		// Reactor's and Netty's integrations (loaded by BlockHound) mark their event
		// loops
		// and parallel threads as non-blocking; a blocking call there is recorded, not
		// thrown, so that the run shows what it costs
		BlockHound.install((builder) -> builder
			// The WARN about the outage, written by the test's console appender: the
			// application's logging setup, not Redis
			.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
			.blockingMethodCallback((method) -> {
				if (watching) {
					blockingCalls.add(new BlockingCall(Thread.currentThread().getName(), method.toString(),
							Arrays.stream(new Throwable().getStackTrace()).map(StackTraceElement::toString).toList()));
				}
			}));
	}

	@Test
	void redisThatAcceptsConnectionsAndNeverAnswersBlocksNoEventLoop() throws Exception {
		try (SilentServer redis = new SilentServer()) {
			Run run = run(redis.port());
			run.assertWithinBounds();
			ReliabilityReport.record(Section.FLEET, 11,
					"Redis accepts TCP connections and never answers (loopback); " + CALLERS
							+ " concurrent cold getToken calls from the handlers of a Reactor Netty app (distinct"
							+ " scopes), its other endpoint called meanwhile; Redis timeout 500 ms",
					"every call answered within the Redis timeout plus the token fetch, the other endpoint kept"
							+ " answering, BlockHound saw no event-loop thread block (Redis calls start on the"
							+ " store's own thread, where Spring Data Redis connects)",
					CALLERS + "", run.summary());
		}
	}

	@Test
	void redisThatIsNotListeningBlocksNoEventLoop() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		Run run = run(port);
		run.assertWithinBounds();
		ReliabilityReport.record(Section.FLEET, 12,
				"nothing listens on the Redis port (loopback); " + CALLERS
						+ " concurrent cold getToken calls from the handlers of a Reactor Netty app, its other endpoint"
						+ " called meanwhile",
				"every call answered within the Redis timeout plus the token fetch, the other endpoint kept answering,"
						+ " BlockHound saw no event-loop thread block",
				CALLERS + "", run.summary());
	}

	private Run run(int redisPort) throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
		LettuceConnectionFactory connections = RedisConnections.to(redisPort);
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) 0x9c);
		RedisTokenStore store = RedisTokenStore.builder(connections).encryptionKey(key).timeout(REDIS_TIMEOUT).build();
		ClientSecretCredential credential = TestCredentials.builder(entra).sharedTokenStore(store).build();
		ClientSecretCredential withoutRedis = TestCredentials.builder(entra).build();
		DisposableServer app = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/token/{n}", (request, response) -> response.sendString(
						credential.getToken("api://app-" + request.param("n") + "/.default").map(AccessToken::token)))
				.get("/direct/{n}", (request, response) -> response.sendString(
						withoutRedis.getToken("api://app-" + request.param("n") + "/.default").map(AccessToken::token)))
				.get("/ping", (request, response) -> response.sendString(Mono.just("pong"))))
			.bindNow();
		HttpClient client = HttpClient.newHttpClient();
		// The token fetch alone: the same calls by a credential without Redis
		List<CompletableFuture<Long>> direct = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			direct.add(timed(client, "http://127.0.0.1:" + app.port() + "/direct/" + i, "tok"));
		}
		long fetch = direct.stream().mapToLong(CompletableFuture::join).max().getAsLong();
		blockingCalls.clear();
		watching = true;
		try {
			List<CompletableFuture<Long>> calls = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				calls.add(timed(client, "http://127.0.0.1:" + app.port() + "/token/" + i, "tok"));
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
			List<Long> pings = new ArrayList<>();
			while (!all.isDone()) {
				pings.add(timed(client, "http://127.0.0.1:" + app.port() + "/ping", "pong").get());
				// Pacing, not waiting for something: the calls run meanwhile
				Thread.sleep(20);
			}
			all.get(SAFETY_NET.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			return new Run(fetch, calls.stream().map(CompletableFuture::join).toList(), pings,
					List.copyOf(blockingCalls));
		}
		finally {
			watching = false;
			app.disposeNow();
			credential.close();
			withoutRedis.close();
			connections.destroy();
		}
	}

	private static CompletableFuture<Long> timed(HttpClient client, String uri, String expected) {
		long started = System.nanoTime();
		return client
			.sendAsync(HttpRequest.newBuilder(URI.create(uri)).timeout(SAFETY_NET).build(),
					HttpResponse.BodyHandlers.ofString())
			.thenApply((response) -> {
				assertThat(response.body()).isEqualTo(expected);
				return Duration.ofNanos(System.nanoTime() - started).toMillis();
			});
	}

	/**
	 * What one run measured, in milliseconds.
	 */
	private record Run(long fetch, List<Long> calls, List<Long> pings, List<BlockingCall> blockingCalls) {

		void assertWithinBounds() {
			assertThat(this.blockingCalls.stream().filter(BlockingCall::onRedis))
				.as("blocking calls on event loops waiting for Redis")
				.isEmpty();
			assertThat(this.calls).hasSize(CALLERS)
				.allSatisfy(
						(millis) -> assertThat(millis).isLessThan(REDIS_TIMEOUT.plus(MARGIN).toMillis() + this.fetch));
			assertThat(this.pings).isNotEmpty().allSatisfy((millis) -> assertThat(millis).isLessThan(1000));
		}

		String summary() {
			return "slowest call " + max(this.calls::size, this.calls) + " ms (the same calls without Redis: "
					+ this.fetch + " ms), " + this.pings.size() + " pings answered meanwhile (slowest "
					+ max(this.pings::size, this.pings) + " ms); " + this.blockingCalls.size()
					+ " blocking call(s) on event loops that were not Redis's: "
					+ this.blockingCalls.stream().map(BlockingCall::toString).distinct().toList();
		}

		private static long max(IntSupplier size, List<Long> values) {
			return (size.getAsInt() == 0) ? 0 : values.stream().mapToLong(Long::longValue).max().getAsLong();
		}

	}

	/**
	 * A blocking call BlockHound saw on a non-blocking thread.
	 */
	private record BlockingCall(String thread, String method, List<String> stack) {

		boolean onRedis() {
			return this.stack.stream()
				.anyMatch((frame) -> frame.startsWith("org.springframework.data.redis.")
						|| frame.startsWith("io.lettuce.") || frame.startsWith("io.github.entraidentity.redis."));
		}

		@Override
		public String toString() {
			// Where the application's code called it
			return this.method + " on " + this.thread.replaceAll("-\\d+$", "") + " from "
					+ this.stack.stream()
						.filter((frame) -> frame.startsWith("io.github.entraidentity.") && !frame.contains("Tests"))
						.findFirst()
						.orElse(this.stack.stream()
							.filter((frame) -> !frame.startsWith("java.") && !frame.startsWith("jdk.")
									&& !frame.startsWith("reactor.blockhound") && !frame.contains("Tests"))
							.findFirst()
							.orElse("?"));
		}

	}

	/**
	 * A server on loopback that accepts connections and never answers, like a hung Redis.
	 */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor = new Thread(this::accept, "silent-redis");

		SilentServer() throws IOException {
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					this.accepted.add(this.server.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
