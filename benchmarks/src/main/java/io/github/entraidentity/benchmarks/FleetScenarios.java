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

package io.github.entraidentity.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.testsupport.RedisConnections;
import io.github.entraidentity.testsupport.RedisServer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A fleet of our credentials sharing tokens through Redis (the L2 of the {@code redis}
 * module) against the same endpoint: a real {@code redis-server} on loopback, started and
 * stopped by test-support's {@link RedisServer}. Each credential stands for one instance
 * of an application: its own in-memory cache (L1), its own connection pool, the same
 * client id as the others.
 *
 * @author Entra Identity contributors
 */
final class FleetScenarios implements AutoCloseable {

	/**
	 * Instances in the fleet.
	 */
	static final int FLEET_SIZE = 20;

	/**
	 * {@code expires_in} of the fleet's tokens: ours refreshes at half-life, every 2 s.
	 */
	static final long FLEET_TOKEN_SECONDS = 4;

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration CALL_INTERVAL = Duration.ofMillis(10);

	private static final Duration SETTLE = Duration.ofMillis(500 + Scenarios.ENDPOINT_DELAY_MILLIS);

	private static final byte[] KEY = new byte[32];

	private final TokenEndpoint endpoint;

	private final RedisServer redis;

	private final LettuceConnectionFactory connections;

	private final RedisTokenStore store;

	private FleetScenarios(TokenEndpoint endpoint, RedisServer redis) {
		this.endpoint = endpoint;
		this.redis = redis;
		this.connections = RedisConnections.to(redis.port());
		this.store = RedisTokenStore.builder(this.connections).encryptionKey(KEY).build();
	}

	/**
	 * Start a Redis server for the fleet rows.
	 * @param endpoint the token endpoint
	 * @return the scenarios, or {@code null} when no {@code redis-server} is installed
	 */
	static @Nullable FleetScenarios start(TokenEndpoint endpoint) {
		if (!RedisServer.isInstalled()) {
			return null;
		}
		return new FleetScenarios(endpoint, RedisServer.start());
	}

	/**
	 * Run a fleet through refresh cycles: every instance calls {@code getTokenSync} every
	 * 10 ms; the first round of calls is the cold start. A refresh cycle gives every
	 * instance that keeps calling a new token, with or without L2, so the cycles are the
	 * most new tokens (told apart by their expiry) any one instance held; an instance
	 * that did not call again after the last refresh point has one fewer. Without L2 the
	 * last cycle can therefore be partial.
	 * @param withL2 whether the instances share tokens through Redis
	 * @param duration how long to call after the cold start
	 * @return the result
	 * @throws InterruptedException if interrupted
	 */
	FleetResult refreshCycles(boolean withL2, Duration duration) throws InterruptedException {
		this.redis.cli("FLUSHALL");
		String clientId = TokenEndpoint.newClientId(withL2 ? "fleet-l2" : "fleet-l1");
		this.endpoint.tokens(clientId, FLEET_TOKEN_SECONDS, Scenarios.ENDPOINT_DELAY_MILLIS);
		List<Instance> fleet = new ArrayList<>();
		try {
			for (int i = 0; i < FLEET_SIZE; i++) {
				fleet.add(new Instance(this.endpoint, clientId, withL2 ? this.store : null, i));
			}
			AtomicInteger failures = new AtomicInteger();
			// The cold start: every instance asks at once
			CountDownLatch go = new CountDownLatch(1);
			CountDownLatch answered = new CountDownLatch(FLEET_SIZE);
			for (Instance instance : fleet) {
				Thread caller = new Thread(() -> {
					try {
						go.await();
						instance.call();
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
					answered.countDown();
				});
				caller.setDaemon(true);
				caller.start();
			}
			go.countDown();
			answered.await();
			int coldRequests = this.endpoint.requests(clientId);
			long end = System.nanoTime() + duration.toNanos();
			List<Thread> callers = new ArrayList<>();
			for (Instance instance : fleet) {
				Thread caller = new Thread(() -> {
					while (System.nanoTime() < end) {
						try {
							instance.call();
							Thread.sleep(CALL_INTERVAL.toMillis());
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
						}
					}
				});
				caller.setDaemon(true);
				caller.start();
				callers.add(caller);
			}
			for (Thread caller : callers) {
				caller.join();
			}
			// Refreshes that the last calls started finish without further calls (which
			// could start new ones); then every instance's cache shows its newest token
			Thread.sleep(SETTLE.toMillis());
			int refreshes = 0;
			for (Instance instance : fleet) {
				refreshes = Math.max(refreshes, instance.refreshes());
			}
			return new FleetResult(coldRequests, this.endpoint.requests(clientId) - coldRequests, refreshes,
					failures.get());
		}
		finally {
			fleet.forEach(Instance::close);
		}
	}

	/**
	 * The latency of an L1 miss served from L2, against one fetched from the endpoint:
	 * per round a new scope, which another instance has already put into Redis; one
	 * long-lived instance with L2 reads it (L1 miss, L2 hit), one without L2 fetches it
	 * (L1 miss, a token request on a warm connection, no endpoint delay). Both instances'
	 * connections are warm, so the rounds time the cache path and the round trip, not TLS
	 * handshakes.
	 * @param warmups rounds not counted
	 * @param rounds rounds counted
	 * @return the result
	 */
	LatencyResult l1MissLatency(int warmups, int rounds) {
		this.redis.cli("FLUSHALL");
		String clientId = TokenEndpoint.newClientId("fleet-latency");
		this.endpoint.tokens(clientId, 3600, 0);
		try (Instance writer = new Instance(this.endpoint, clientId, this.store, 0);
				Instance reader = new Instance(this.endpoint, clientId, this.store, 1);
				Instance direct = new Instance(this.endpoint, clientId, null, 2)) {
			String warm = "api://fleet-warm/.default";
			writer.call(warm);
			reader.call(warm);
			direct.call(warm);
			long[] fromL2 = new long[rounds];
			long[] fromEndpoint = new long[rounds];
			int requestsBefore = 0;
			for (int round = 0; round < warmups + rounds; round++) {
				String shared = "api://fleet-" + round + "/.default";
				String own = "api://direct-" + round + "/.default";
				if (round == warmups) {
					requestsBefore = this.endpoint.requests(clientId);
				}
				writer.call(shared);
				long start = System.nanoTime();
				reader.call(shared);
				long l2 = System.nanoTime() - start;
				start = System.nanoTime();
				direct.call(own);
				long fetched = System.nanoTime() - start;
				if (round >= warmups) {
					fromL2[round - warmups] = l2;
					fromEndpoint[round - warmups] = fetched;
				}
			}
			// Every counted round: one request by the writer, one by the direct instance,
			// none by the reader
			int readerRequests = this.endpoint.requests(clientId) - requestsBefore - 2 * rounds;
			return new LatencyResult(Scenarios.median(fromL2), Scenarios.median(fromEndpoint), readerRequests,
					this.store.hits());
		}
	}

	@Override
	public void close() {
		this.connections.destroy();
		this.redis.stop();
	}

	/**
	 * One instance of the fleet.
	 */
	private static final class Instance implements AutoCloseable {

		private final ClientSecretCredential credential;

		private final reactor.netty.resources.ConnectionProvider connections;

		/**
		 * The expiries of the tokens this instance held, which tell its tokens apart;
		 * written by one thread at a time.
		 */
		private final Set<Instant> expiries = new HashSet<>();

		Instance(TokenEndpoint endpoint, String clientId, @Nullable RedisTokenStore store, int index) {
			this.connections = Subjects.connections("fleet-" + clientId + "-" + index);
			ClientSecretCredential.Builder builder = Subjects.oursBuilder(endpoint, clientId, this.connections);
			if (store != null) {
				builder.sharedTokenStore(store);
			}
			this.credential = builder.build();
		}

		void call() {
			this.expiries.add(this.credential.getTokenSync(TokenEndpoint.SCOPE).expiresOn());
		}

		/**
		 * Return how many times this instance's token was replaced after the cold start,
		 * counting the token in its cache now (read without a call, so without starting a
		 * refresh).
		 */
		int refreshes() {
			this.credential.cachedTokens().forEach((token) -> this.expiries.add(token.expiresOn()));
			return this.expiries.size() - 1;
		}

		void call(String scope) {
			this.credential.getToken(scope).block(CALL_TIMEOUT);
		}

		@Override
		public void close() {
			this.credential.close();
			this.connections.dispose();
		}

	}

	/**
	 * Refresh-cycle result.
	 *
	 * @param coldRequests token requests of the cold start
	 * @param refreshRequests token requests after it
	 * @param refreshes refresh cycles: the most new tokens one instance held
	 * @param failures calls that failed
	 */
	record FleetResult(int coldRequests, int refreshRequests, int refreshes, int failures) {

		double requestsPerRefresh() {
			return (this.refreshes > 0) ? (double) this.refreshRequests / this.refreshes : Double.NaN;
		}

	}

	/**
	 * L1-miss latency result.
	 *
	 * @param fromL2Nanos median of an L1 miss served from Redis
	 * @param fromEndpointNanos median of an L1 miss fetched from the endpoint
	 * @param readerRequests token requests the reader made (0 when every miss was served
	 * from Redis)
	 * @param hits L2 hits the store counted, warm-ups included
	 */
	record LatencyResult(long fromL2Nanos, long fromEndpointNanos, int readerRequests, long hits) {

	}

}
