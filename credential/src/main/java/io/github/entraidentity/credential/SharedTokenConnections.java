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

package io.github.entraidentity.credential;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The connection pool and event loops that token requests on Reactor Netty share, one set
 * for every {@link TokenConnectionPool} in the process, ended a while after the last pool
 * closes.
 * <p>
 * Shared because a connection to the token endpoint is the expensive part of a first
 * token: a credential created next to another one (another tenant, another context, a
 * test) reuses its warm TLS connection instead of paying a handshake. Reactor Netty's
 * pool keys connections by address and client configuration, so credentials with
 * different proxies, SSL bundles or timeouts never share a connection they should not.
 * <p>
 * Not Reactor Netty's global resources: a Spring application context disposes those when
 * it closes, which would break the credentials of every other context in the JVM.
 * Reference counting gives the threads and connections back once no pool uses them (a
 * redeployed web application leaves nothing behind); they linger for {@link #LINGER}
 * first, so that closing one credential and creating the next does not throw the warm
 * connections away. This is the library's only process-wide state.
 *
 * @author Entra Identity contributors
 */
final class SharedTokenConnections {

	private static final Log logger = LogFactory.getLog(SharedTokenConnections.class);

	/**
	 * Worker threads: token requests are rare and short, and each connection stays on one
	 * loop, so two threads serve any number of credentials.
	 */
	static final int WORKER_THREADS = 2;

	/**
	 * How long the resources outlive their last user.
	 */
	static final Duration LINGER = Duration.ofSeconds(10);

	/**
	 * Connections per endpoint address: token requests are coalesced per token, so this
	 * bounds the requests for distinct tokens (tenants, scopes) in flight at once; more
	 * wait for a connection within the credential's timeouts.
	 */
	static final int MAX_CONNECTIONS = 64;

	private static final Object lock = new Object();

	private static @Nullable Resources current;

	private static int users;

	private static Duration linger = LINGER;

	private SharedTokenConnections() {
	}

	/**
	 * Take a reference to the shared resources, creating them for the first user. Threads
	 * start lazily, with the first connection.
	 * @return the resources, to be given back with {@link #release(Resources)}
	 */
	static Resources acquire() {
		synchronized (lock) {
			Resources resources = current;
			if (resources == null) {
				resources = Resources.create();
				current = resources;
			}
			users++;
			return resources;
		}
	}

	/**
	 * Give back a reference taken with {@link #acquire()}; after the last one the
	 * resources are disposed without blocking once they have lingered unused.
	 * @param released the resources that were acquired
	 */
	static void release(Resources released) {
		Duration delay;
		synchronized (lock) {
			if (released != current) {
				return;
			}
			users--;
			if (users > 0) {
				return;
			}
			delay = linger;
		}
		if (delay.isZero()) {
			disposeIfUnused(released);
		}
		else {
			released.loops()
				.onClient(true)
				.schedule(() -> disposeIfUnused(released), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static void disposeIfUnused(Resources resources) {
		synchronized (lock) {
			// a new user during the linger keeps them
			if (resources != current || users > 0) {
				return;
			}
			current = null;
		}
		resources.connections()
			.disposeLater()
			.then(resources.loops().disposeLater(Duration.ZERO, Duration.ofSeconds(5)))
			.subscribe(null, (ex) -> logger.debug("Disposing the token request connections failed", ex));
	}

	/**
	 * Return how many pools use the shared resources, for tests.
	 * @return the number of references
	 */
	static int users() {
		synchronized (lock) {
			return users;
		}
	}

	/**
	 * Change how long unused resources linger, for tests.
	 * @param duration the linger time, zero to dispose at once
	 * @return the previous linger time
	 */
	static Duration linger(Duration duration) {
		synchronized (lock) {
			Duration previous = linger;
			linger = duration;
			return previous;
		}
	}

	/**
	 * The shared connections and the event loops they run on.
	 *
	 * @param connections the connection pool
	 * @param loops the event loops
	 */
	record Resources(ConnectionProvider connections, LoopResources loops) {

		static Resources create() {
			ConnectionProvider connections = ConnectionProvider.builder("entra-identity")
				.maxConnections(MAX_CONNECTIONS)
				.pendingAcquireMaxCount(-1)
				.maxIdleTime(Duration.ofSeconds(60))
				.build();
			return new Resources(connections, LoopResources.create("entra-identity", WORKER_THREADS, true));
		}

		boolean isDisposed() {
			return this.connections.isDisposed();
		}

	}

}
