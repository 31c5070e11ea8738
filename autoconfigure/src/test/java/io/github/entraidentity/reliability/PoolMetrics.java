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

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Keeps the Reactor Netty connection pool metrics of a {@link ConnectionProvider} built
 * with {@code metrics(true, poolMetrics)}, so tests can read them without a meter
 * registry.
 */
final class PoolMetrics implements ConnectionProvider.MeterRegistrar {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	private final AtomicInteger everRegistered = new AtomicInteger();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(id, metrics);
		this.everRegistered.incrementAndGet();
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(id);
	}

	/**
	 * Return how many per-address pools were created.
	 * @return the number of pools ever registered
	 */
	int everRegistered() {
		return this.everRegistered.get();
	}

	/**
	 * Return how many per-address pools are still registered: none once the provider is
	 * disposed.
	 * @return the number of live pools
	 */
	int live() {
		return this.pools.size();
	}

	int acquired() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
	}

	int pending() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::pendingAcquireSize).sum();
	}

	int allocated() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
	}

}
