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

package io.github.entraidentity.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The connectors of token requests, one for each set of settings that credentials share.
 * A connector per credential would cost each credential a connection pool, its own
 * connections to the same endpoint, and on the JDK client a selector thread: a hundred
 * credentials would open a hundred connections and, on the JDK client, start a hundred
 * threads. Credentials whose settings agree take the same connector instead; it is closed
 * when the last of them is.
 *
 * @author Entra Identity contributors
 */
final class SharedTokenConnectors {

	private static final Log logger = LogFactory.getLog(SharedTokenConnectors.class);

	private static final Object lock = new Object();

	private static final Map<Object, Shared> connectors = new HashMap<>();

	private SharedTokenConnectors() {
	}

	/**
	 * Take a share of the connector for the given settings, creating it for the first
	 * user.
	 * @param settings everything the connector is built from (compared with
	 * {@code equals})
	 * @param factory creates the connector and what closes it
	 * @return the share, closed when the credential is
	 */
	static Share acquire(Object settings, Supplier<Connector> factory) {
		synchronized (lock) {
			Shared shared = connectors.computeIfAbsent(settings, (absent) -> new Shared(factory.get()));
			shared.users++;
			return new Share(settings, shared);
		}
	}

	/**
	 * Return how many connectors are shared now, for tests.
	 * @return the number of connectors
	 */
	static int size() {
		synchronized (lock) {
			return connectors.size();
		}
	}

	/**
	 * A connector and what closes it.
	 *
	 * @param connector the connector
	 * @param resources closed with the connector's last share
	 */
	record Connector(ClientHttpConnector connector, AutoCloseable resources) {

	}

	private static final class Shared {

		final Connector connector;

		int users;

		Shared(Connector connector) {
			this.connector = connector;
		}

	}

	/**
	 * One credential's share of a connector.
	 */
	static final class Share implements AutoCloseable {

		private final Object settings;

		private final Shared shared;

		private boolean closed;

		private Share(Object settings, Shared shared) {
			this.settings = settings;
			this.shared = shared;
		}

		ClientHttpConnector connector() {
			return this.shared.connector.connector();
		}

		/**
		 * Give the share back; the last one closes the connector's resources. Idempotent.
		 */
		@Override
		public void close() {
			synchronized (lock) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				if (--this.shared.users > 0 || !connectors.remove(this.settings, this.shared)) {
					return;
				}
			}
			try {
				this.shared.connector.resources().close();
			}
			catch (Exception ex) {
				logger.debug("Closing a token request connector failed", ex);
			}
		}

	}

}
