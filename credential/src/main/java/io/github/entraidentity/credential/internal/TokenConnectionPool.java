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

package io.github.entraidentity.credential.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.entraidentity.credential.internal.SharedConnectionPools;
import io.github.entraidentity.credential.internal.SharedEventLoops;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Reactor Netty resources for one credential's token requests: a connection pool on event
 * loops that the library shares process-wide. Unlike Reactor Netty's global resources,
 * nothing else disposes them: closing another Spring application context in the same JVM
 * leaves token requests working. Closing the pool closes its connections and gives back
 * its share of the event loops. Needs {@code reactor-netty-http}.
 * <p>
 * A pool from {@link #create()} is the credential's own. The credential's own client
 * (built without a {@code WebClient}) uses a pool shared with the credentials configured
 * alike instead, so that a new credential's first token reuses a warm connection; closing
 * gives back its share, and the last share closed ends the pool shortly after.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class TokenConnectionPool implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TokenConnectionPool.class);

	private final ConnectionProvider connections;

	private final LoopResources loops;

	private final Runnable release;

	private final AtomicBoolean closed = new AtomicBoolean();

	private TokenConnectionPool(ConnectionProvider connections, LoopResources loops, Runnable release) {
		this.connections = connections;
		this.loops = loops;
		this.release = release;
	}

	/**
	 * Create a pool of the caller's own; it opens connections only when used.
	 * @return the pool
	 */
	public static TokenConnectionPool create() {
		ConnectionProvider connections = newConnectionProvider();
		LoopResources loops = SharedEventLoops.acquire();
		return new TokenConnectionPool(connections, loops,
				() -> connections.disposeLater()
					.doFinally((signal) -> SharedEventLoops.release(loops))
					.subscribe(null, (ex) -> logger.debug("Closing token request connections failed", ex)));
	}

	/**
	 * Take a share of the pool of the credentials whose own clients have the given
	 * settings.
	 * @param settings what those clients have in common (compared with {@code equals})
	 * @return the share
	 */
	public static TokenConnectionPool shared(Object settings) {
		SharedConnectionPools.Pool pool = SharedConnectionPools.acquire(settings);
		return new TokenConnectionPool(pool.connections, pool.loops, () -> SharedConnectionPools.release(pool));
	}

	public static ConnectionProvider newConnectionProvider() {
		return ConnectionProvider.builder("entra-identity")
			.maxConnections(16)
			.maxIdleTime(Duration.ofSeconds(60))
			.build();
	}

	/**
	 * Return a new Reactor Netty client on this pool and the shared event loops, with
	 * Reactor Netty's defaults otherwise (redirects are not followed).
	 * @return the client
	 */
	public HttpClient httpClient() {
		return HttpClient.create(this.connections).runOn(this.loops);
	}

	/**
	 * Close the pool's connections, or give back this share of a shared pool, and the
	 * share of the event loops. Non-blocking and idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.release.run();
		}
	}

	/**
	 * Return whether the connections were disposed, for tests.
	 * @return whether the pool is disposed
	 */
	public boolean isDisposed() {
		return this.connections.isDisposed();
	}

	/**
	 * Return whether this pool or share was closed, for tests.
	 * @return whether {@link #close()} was called
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	public ConnectionProvider connections() {
		return this.connections;
	}

}
