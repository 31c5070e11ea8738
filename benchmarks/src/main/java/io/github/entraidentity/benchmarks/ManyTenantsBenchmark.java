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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * One credential with {@code additionallyAllowedTenants("*")} holding a token for each of
 * many tenants (one scope each): cached {@code getTokenSync} lookups of a random tenant,
 * and, against the same keys, a {@link ConcurrentHashMap} floor that shows what memory
 * latency alone costs at each size; and lookups of one tenant among them all. The setup
 * also measures the heap each cached token retains and appends it to the file named by
 * the {@value #HEAP_FILE_PROPERTY} system property.
 * <p>
 * The cache is filled through a shared token store that hands out a token for any key
 * (the path an instance of a fleet takes when another instance fetched the token): the
 * entries are those a token request would leave, without 100,000 requests to the
 * endpoint, which would take minutes. The store keeps nothing, so the heap figure is the
 * cache's alone.
 *
 * @author Entra Identity contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ManyTenantsBenchmark {

	/**
	 * System property naming the file that the heap figures are appended to, one line per
	 * tenant count: tenants, bytes per token, token length, fill time in ms.
	 */
	static final String HEAP_FILE_PROPERTY = "entra.benchmarks.heap-file";

	/**
	 * How many tenants the credential holds tokens for.
	 */
	@Param({ "1", "10000", "100000" })
	public int tenants;

	private @Nullable TokenEndpoint endpoint;

	private @Nullable ConnectionProvider connections;

	private ClientSecretCredential credential;

	private TokenRequestContext[] contexts;

	private String[] tenantIds;

	private Map<String, AccessToken> floor;

	/**
	 * Fetch a token for every tenant, measuring the heap the cache retains.
	 * @throws IOException if the heap figures cannot be written
	 */
	@Setup
	public void fill() throws IOException {
		TokenEndpoint.trustByDefault();
		TokenEndpoint endpoint = new TokenEndpoint();
		this.endpoint = endpoint;
		String clientId = TokenEndpoint.newClientId("tenants");
		this.connections = Subjects.connections(clientId);
		this.tenantIds = new String[this.tenants];
		this.contexts = new TokenRequestContext[this.tenants];
		TokenRequestContext base = TokenRequestContext.of(TokenEndpoint.SCOPE);
		for (int i = 0; i < this.tenants; i++) {
			this.tenantIds[i] = tenantId(i);
			this.contexts[i] = base.withTenantId(this.tenantIds[i]);
		}
		this.credential = Subjects.oursBuilder(endpoint, clientId, this.connections)
			.additionallyAllowedTenants(List.of("*"))
			.maxCacheEntries(this.tenants + 1)
			.sharedTokenStore(new AnyKeyTokenStore(clientId))
			.build();
		// a first token loads what any token needs, so the heap figure holds tokens only
		this.credential.getToken(TokenEndpoint.SCOPE).block();
		long before = usedHeapAfterGc();
		long start = System.nanoTime();
		Flux.range(0, this.tenants).flatMap((i) -> this.credential.getToken(this.contexts[i]), 64).blockLast();
		long fillMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		long after = usedHeapAfterGc();
		AccessToken sample = this.credential.getTokenSync(this.contexts[0]);
		this.floor = new ConcurrentHashMap<>();
		for (String tenantId : this.tenantIds) {
			this.floor.put(tenantId, sample);
		}
		String heapFile = System.getProperty(HEAP_FILE_PROPERTY);
		if (heapFile != null) {
			String line = String.format(Locale.ROOT, "%d %d %d %d%n", this.tenants, (after - before) / this.tenants,
					sample.token().length(), fillMillis);
			Files.writeString(Path.of(heapFile), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		System.out.println("tenants " + this.tenants + ": " + endpoint.requestsStartingWith(clientId)
				+ " token requests, heap per token " + (after - before) / this.tenants + " B, filled in " + fillMillis
				+ " ms");
		if (this.credential.cachedTokens().size() != this.tenants + 1) {
			throw new IllegalStateException("Expected " + (this.tenants + 1) + " cached tokens but found "
					+ this.credential.cachedTokens().size());
		}
	}

	/**
	 * Stop.
	 */
	@TearDown
	public void stop() {
		this.credential.close();
		ConnectionProvider connections = this.connections;
		if (connections != null) {
			connections.dispose();
		}
		TokenEndpoint endpoint = this.endpoint;
		if (endpoint != null) {
			endpoint.close();
		}
	}

	/**
	 * A cached token of a random tenant.
	 * @return the token
	 */
	@Benchmark
	public AccessToken ours() {
		return this.credential.getTokenSync(this.contexts[ThreadLocalRandom.current().nextInt(this.tenants)]);
	}

	/**
	 * The same tenant's cached token each time, however many tenants the cache holds:
	 * what holding more tokens costs a lookup, without the memory latency of a random key
	 * among them (which {@link #ours()} and {@link #mapFloor()} show).
	 * @return the token
	 */
	@Benchmark
	public AccessToken sameTenant() {
		return this.credential.getTokenSync(this.contexts[0]);
	}

	/**
	 * The floor: the same random tenant's token from a map of as many entries.
	 * @return the token
	 */
	@Benchmark
	public AccessToken mapFloor() {
		return this.floor.get(this.tenantIds[ThreadLocalRandom.current().nextInt(this.tenants)]);
	}

	/**
	 * Return a tenant id in Entra's form, distinct for each number.
	 * @param number the number
	 * @return the id
	 */
	static String tenantId(int number) {
		return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", number, number);
	}

	/**
	 * A shared token store that holds nothing and answers every read with a new token
	 * like the endpoint's (same length), valid for an hour.
	 */
	private static final class AnyKeyTokenStore implements SharedTokenStore {

		private final String clientId;

		private final AtomicLong sequence = new AtomicLong();

		AnyKeyTokenStore(String clientId) {
			this.clientId = clientId;
		}

		@Override
		public Mono<SharedToken> read(SharedTokenKey key) {
			Instant now = Instant.now();
			AccessToken token = new AccessToken(this.clientId + "." + this.sequence.incrementAndGet(),
					now.plusSeconds(3600), "Bearer", null);
			return Mono.just(new SharedToken(token, now.plusSeconds(3300)));
		}

		@Override
		public Mono<Void> write(SharedTokenKey key, SharedToken token) {
			return Mono.empty();
		}

	}

	/**
	 * Return the heap in use after full collections, once it no longer shrinks.
	 * @return the bytes in use
	 */
	static long usedHeapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			if (now >= used) {
				return now;
			}
			used = now;
		}
		return used;
	}

}
