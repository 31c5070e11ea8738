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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.credential.internal.TokenConnectionPool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Connection pools that credentials with the same HTTP settings share, so that a new
 * credential reuses a warm TLS connection to the token endpoint instead of paying a
 * handshake for its first token.
 * <p>
 * Only credentials whose client is the library's own and configured alike share a pool
 * (the settings are the key), so every connection in a pool could have been opened by any
 * of its users and none is owned by one credential alone. A pool is reference counted:
 * when its last user closes, it lingers for {@link #LINGER} (so closing one credential
 * and creating the next keeps the connection warm) and is then disposed, closing its
 * connections and giving back its share of the {@link SharedEventLoops}.
 *
 * @author Entra Identity contributors
 */
public final class SharedConnectionPools {

	private static final Log logger = LogFactory.getLog(SharedConnectionPools.class);

	/**
	 * How long a pool outlives its last user.
	 */
	static final Duration LINGER = Duration.ofSeconds(2);

	private static final Object lock = new Object();

	private static final Map<Object, Pool> pools = new HashMap<>();

	private SharedConnectionPools() {
	}

	/**
	 * Take a reference to the pool for the given settings, creating it for the first
	 * user. Connections are opened only when used.
	 * @param settings what the users' clients have in common (compared with
	 * {@code equals})
	 * @return the pool, to be given back with {@link #release(Pool)}
	 */
	public static Pool acquire(Object settings) {
		synchronized (lock) {
			Pool pool = pools.get(settings);
			if (pool == null) {
				pool = new Pool(settings);
				pools.put(settings, pool);
			}
			pool.users++;
			return pool;
		}
	}

	/**
	 * Give back a reference taken with {@link #acquire(Object)}; after the last one the
	 * pool is disposed without blocking once it has lingered unused.
	 * @param pool the pool that was acquired
	 */
	public static void release(Pool pool) {
		synchronized (lock) {
			pool.users--;
			if (pool.users > 0) {
				return;
			}
		}
		pool.loops.onClient(true).schedule(() -> disposeIfUnused(pool), LINGER.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void disposeIfUnused(Pool pool) {
		synchronized (lock) {
			// a new user during the linger keeps it
			if (pool.users > 0 || pools.get(pool.settings) != pool) {
				return;
			}
			pools.remove(pool.settings);
		}
		pool.connections.disposeLater()
			.doFinally((signal) -> SharedEventLoops.release(pool.loops))
			.subscribe(null, (ex) -> logger.debug("Closing token request connections failed", ex));
	}

	/**
	 * Return how many credentials use the pool for the given settings, for tests.
	 * @param settings the settings
	 * @return the number of users, 0 when there is no such pool
	 */
	static int users(Object settings) {
		synchronized (lock) {
			Pool pool = pools.get(settings);
			return (pool != null) ? pool.users : 0;
		}
	}

	/**
	 * A shared pool: its connections and the event loops they run on.
	 */
	public static final class Pool {

		final Object settings;

		final ConnectionProvider connections;

		final LoopResources loops;

		private int users;

		private Pool(Object settings) {
			this.settings = settings;
			this.connections = TokenConnectionPool.newConnectionProvider();
			this.loops = SharedEventLoops.acquire();
		}

	}

}
