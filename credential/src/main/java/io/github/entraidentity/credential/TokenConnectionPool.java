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

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.netty.http.client.HttpClient;

/**
 * A credential's share of the Reactor Netty resources its token requests use: the
 * connection pool and event loops the library shares process-wide (see
 * {@code SharedTokenConnections}), so a new credential reuses the warm connections of the
 * others instead of paying a TLS handshake for its first token. Unlike Reactor Netty's
 * global resources, nothing else disposes them: closing another Spring application
 * context in the same JVM leaves token requests working. Closing gives the share back;
 * the last one closed ends the connections and threads shortly after. Needs
 * {@code reactor-netty-http}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class TokenConnectionPool implements AutoCloseable {

	private final SharedTokenConnections.Resources resources;

	private final AtomicBoolean closed = new AtomicBoolean();

	private TokenConnectionPool() {
		this.resources = SharedTokenConnections.acquire();
	}

	/**
	 * Take a share of the process-wide pool; connections are opened only when used.
	 * @return the pool
	 */
	public static TokenConnectionPool create() {
		return new TokenConnectionPool();
	}

	/**
	 * Return a new Reactor Netty client on the shared pool and event loops, with Reactor
	 * Netty's defaults otherwise (redirects are not followed).
	 * @return the client
	 */
	public HttpClient httpClient() {
		return HttpClient.create(this.resources.connections()).runOn(this.resources.loops());
	}

	/**
	 * Give back this share of the pool. Non-blocking and idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			SharedTokenConnections.release(this.resources);
		}
	}

	/**
	 * Return whether this share was given back, for tests.
	 * @return whether the pool is closed
	 */
	boolean isClosed() {
		return this.closed.get();
	}

	SharedTokenConnections.Resources resources() {
		return this.resources;
	}

}
