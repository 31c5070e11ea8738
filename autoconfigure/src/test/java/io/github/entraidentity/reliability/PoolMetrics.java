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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Keeps the Reactor Netty connection pool metrics of a {@link ConnectionProvider} built
 * with {@code metrics(true, poolMetrics)}, so tests can read them without a meter
 * registry.
 */
final class PoolMetrics implements ConnectionProvider.MeterRegistrar {

	private final List<ConnectionPoolMetrics> pools = new CopyOnWriteArrayList<>();

	private final List<ConnectionPoolMetrics> deregistered = new CopyOnWriteArrayList<>();

	private final List<SocketAddress> registered = new CopyOnWriteArrayList<>();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.registered.add(remoteAddress);
		this.pools.add(metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.deregistered.addAll(this.pools);
	}

	int pools() {
		return this.pools.size();
	}

	int deregistered() {
		return (int) this.pools.stream().filter(this.deregistered::contains).count();
	}

	int acquired() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
	}

	int pending() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::pendingAcquireSize).sum();
	}

	int allocated() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
	}

	int maxAllocated() {
		return this.pools.stream().mapToInt(ConnectionPoolMetrics::maxAllocatedSize).sum();
	}

}
