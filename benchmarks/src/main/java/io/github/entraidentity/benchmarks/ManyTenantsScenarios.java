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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import reactor.core.publisher.Flux;
import reactor.netty.resources.ConnectionProvider;

/**
 * Scale scenarios: a credential acting in more tenants than its cache holds, and an
 * application with many named credentials.
 *
 * @author Entra Identity contributors
 */
final class ManyTenantsScenarios {

	private final TokenEndpoint endpoint;

	ManyTenantsScenarios(TokenEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * The cache bound of the working-set scenario: small, so that its working set
	 * outgrows it within seconds of token requests.
	 */
	static final int OVER_LIMIT_BOUND = 1_000;

	/**
	 * A working set larger than the cache: the credential holds
	 * {@value #OVER_LIMIT_BOUND} entries, one thread keeps calling half that many tenants
	 * (the tenants in use) and another brings a new tenant with every call for the given
	 * time. Counts the token requests, and how often a tenant in use got a new token
	 * (each is a token request that eviction caused).
	 * @param duration how long new tenants arrive
	 * @return the result
	 */
	OverLimitResult workingSetOverTheLimit(Duration duration) throws InterruptedException {
		int limit = OVER_LIMIT_BOUND;
		String clientId = TokenEndpoint.newClientId("over-limit");
		this.endpoint.unrecordedTokens(clientId);
		ConnectionProvider connections = Subjects.connections(clientId);
		TokenRequestContext base = TokenRequestContext.of(TokenEndpoint.SCOPE);
		try (ClientSecretCredential credential = Subjects.oursBuilder(this.endpoint, clientId, connections)
			.additionallyAllowedTenants(List.of("*"))
			.maxCacheEntries(limit)
			.build()) {
			int inUse = limit / 2;
			TokenRequestContext[] hot = new TokenRequestContext[inUse];
			String[] hotTokens = new String[inUse];
			for (int i = 0; i < inUse; i++) {
				hot[i] = base.withTenantId(ManyTenantsBenchmark.tenantId(i));
			}
			Flux.range(0, inUse).flatMap((i) -> credential.getToken(hot[i]), 64).blockLast();
			for (int i = 0; i < inUse; i++) {
				hotTokens[i] = credential.getTokenSync(hot[i]).token();
			}
			long requestsBefore = this.endpoint.requests(clientId);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong refetches = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			Thread callers = new Thread(() -> {
				while (running.get()) {
					for (int i = 0; i < inUse; i++) {
						try {
							AccessToken token = credential.getTokenSync(hot[i]);
							if (!token.token().equals(hotTokens[i])) {
								hotTokens[i] = token.token();
								refetches.incrementAndGet();
							}
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
						}
					}
				}
			}, "tenants-in-use");
			callers.start();
			long newTenants = 0;
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				try {
					credential.getTokenSync(base.withTenantId(ManyTenantsBenchmark.tenantId(inUse + (int) newTenants)));
				}
				catch (RuntimeException ex) {
					failures.incrementAndGet();
				}
				newTenants++;
			}
			double minutes = (System.nanoTime() - start) / 60e9;
			running.set(false);
			callers.join();
			long requests = this.endpoint.requests(clientId) - requestsBefore;
			return new OverLimitResult(limit, inUse, newTenants, requests, requests / minutes, refetches.get(),
					failures.get());
		}
		finally {
			connections.dispose();
		}
	}

	/**
	 * Start an application with one named credential and one with 100, alternating, in
	 * fresh JVMs ({@link ManyCredentialsProbe}), and report the medians.
	 * @param rounds JVMs per variant
	 * @return the result for 1 and for 100 credentials
	 */
	List<Footprint> manyCredentials(int rounds) throws IOException, InterruptedException {
		this.endpoint.unrecordedTokens(ManyCredentialsProbe.CLIENT_ID);
		List<List<Footprint>> runs = List.of(new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < rounds; i++) {
			runs.get(0).add(probe(1));
			runs.get(1).add(probe(100));
		}
		return runs.stream().map(Footprint::median).toList();
	}

	private Footprint probe(int credentials) throws IOException, InterruptedException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xshare:auto", "-Xmx512m",
				"-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
				"-Djavax.net.ssl.trustStoreType=PKCS12",
				"-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"), "-cp",
				System.getProperty("java.class.path"), ManyCredentialsProbe.class.getName(),
				Integer.toString(credentials), this.endpoint.authority());
		String result = ProbeJvm.run(command, "Many-credentials");
		long[] values = new long[5];
		String[] fields = result.split(" ");
		for (int i = 0; i < values.length; i++) {
			values[i] = Long.parseLong(fields[i].substring(fields[i].indexOf('=') + 1));
		}
		return new Footprint((int) values[1], values[0], (int) values[2], (int) values[3], values[4]);
	}

	/**
	 * What a working set larger than the cache cost.
	 *
	 * @param limit the cache's bound
	 * @param inUse tenants called all along
	 * @param newTenants tenants that arrived during the run
	 * @param requests token requests during the run
	 * @param requestsPerMinute the same per minute
	 * @param inUseRefetches new tokens that tenants in use got
	 * @param failures failed calls
	 */
	record OverLimitResult(int limit, int inUse, long newTenants, long requests, double requestsPerMinute,
			long inUseRefetches, long failures) {

	}

	/**
	 * What an application with a number of named credentials cost.
	 *
	 * @param credentials the number of credentials
	 * @param startupNanos {@code SpringApplication.run}
	 * @param threads live threads after each credential fetched a token
	 * @param connections connections open to the endpoint then
	 * @param heapBytes heap in use after a full collection then
	 */
	record Footprint(int credentials, long startupNanos, int threads, int connections, long heapBytes) {

		static Footprint median(List<Footprint> runs) {
			return new Footprint(runs.get(0).credentials(),
					Scenarios.median(runs.stream().mapToLong(Footprint::startupNanos).toArray()),
					(int) Scenarios.median(runs.stream().mapToLong(Footprint::threads).toArray()),
					(int) Scenarios.median(runs.stream().mapToLong(Footprint::connections).toArray()),
					Scenarios.median(runs.stream().mapToLong(Footprint::heapBytes).toArray()));
		}

	}

}
