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

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The clients of token requests, one for each set of settings that credentials share. A
 * client per credential would cost each credential a connection pool, its own connections
 * to the same endpoint, on the JDK client a selector thread, and the codecs of a
 * {@link WebClient} (tens of kilobytes): a hundred credentials would open a hundred
 * connections and, on the JDK client, start a hundred threads. Credentials whose settings
 * agree take the same client instead; its connector is closed when the last of them is.
 *
 * @author Entra Identity contributors
 */
final class SharedTokenClients {

	private static final Log logger = LogFactory.getLog(SharedTokenClients.class);

	private static final Object lock = new Object();

	private static final Map<Object, Shared> clients = new HashMap<>();

	private SharedTokenClients() {
	}

	/**
	 * Take a share of the client for the given settings, creating it for the first user.
	 * @param settings everything the client is built from (compared with {@code equals})
	 * @param factory creates the client and what closes it
	 * @return the share, closed when the credential is
	 */
	static Share acquire(Object settings, Supplier<Client> factory) {
		synchronized (lock) {
			Shared shared = clients.computeIfAbsent(settings, (absent) -> new Shared(factory.get()));
			shared.users++;
			return new Share(settings, shared);
		}
	}

	/**
	 * Return how many clients are shared now, for tests.
	 * @return the number of clients
	 */
	static int size() {
		synchronized (lock) {
			return clients.size();
		}
	}

	/**
	 * A client and what closes it.
	 *
	 * @param webClient the client
	 * @param resources closed with the client's last share
	 */
	record Client(WebClient webClient, AutoCloseable resources) {

	}

	private static final class Shared {

		final Client client;

		int users;

		Shared(Client client) {
			this.client = client;
		}

	}

	/**
	 * One credential's share of a client.
	 */
	static final class Share implements AutoCloseable {

		private final Object settings;

		private final Shared shared;

		private boolean closed;

		private Share(Object settings, Shared shared) {
			this.settings = settings;
			this.shared = shared;
		}

		WebClient webClient() {
			return this.shared.client.webClient();
		}

		/**
		 * Give the share back; the last one closes the client's resources. Idempotent.
		 */
		@Override
		public void close() {
			synchronized (lock) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				if (--this.shared.users > 0 || !clients.remove(this.settings, this.shared)) {
					return;
				}
			}
			try {
				this.shared.client.resources().close();
			}
			catch (Exception ex) {
				logger.debug("Closing a token request client failed", ex);
			}
		}

	}

}
