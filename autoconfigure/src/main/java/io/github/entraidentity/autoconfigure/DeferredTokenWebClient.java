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

import java.util.function.Supplier;

import io.github.entraidentity.autoconfigure.TokenWebClientFactory.TokenWebClient;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A credential's token client that is created on its first token request rather than
 * while the application starts: the {@link WebClient} with its codecs and its connector
 * (on Reactor Netty a connection pool, a share of the event loops and an SSL context)
 * were most of the classes the starter loaded while a small application started (866 of
 * 1,367), and an application that takes no token early should not pay for them then. What
 * the client is built from is still checked at startup (see
 * {@link IdentityPropertiesValidator}), so bad configuration fails there, not at the
 * first token request.
 * <p>
 * Closing releases the client's resources if it was created and prevents creating it
 * afterwards.
 *
 * @author Entra Identity contributors
 */
final class DeferredTokenWebClient implements WebClient, AutoCloseable {

	private final Supplier<TokenWebClient> factory;

	private final Object lock = new Object();

	private volatile @Nullable TokenWebClient created;

	private boolean closed;

	/**
	 * Create a client that the given factory creates on first use.
	 * @param factory creates the client and the resources it runs on
	 */
	DeferredTokenWebClient(Supplier<TokenWebClient> factory) {
		this.factory = factory;
	}

	/**
	 * Return whether the client was created, for tests.
	 * @return whether it was
	 */
	boolean isCreated() {
		return this.created != null;
	}

	private WebClient client() {
		TokenWebClient client = this.created;
		if (client == null) {
			synchronized (this.lock) {
				client = this.created;
				if (client == null) {
					if (this.closed) {
						throw new IllegalStateException("The credential's token client was closed");
					}
					client = this.factory.get();
					this.created = client;
				}
			}
		}
		return client.webClient();
	}

	@Override
	public RequestHeadersUriSpec<?> get() {
		return client().get();
	}

	@Override
	public RequestHeadersUriSpec<?> head() {
		return client().head();
	}

	@Override
	public RequestBodyUriSpec post() {
		return client().post();
	}

	@Override
	public RequestBodyUriSpec put() {
		return client().put();
	}

	@Override
	public RequestBodyUriSpec patch() {
		return client().patch();
	}

	@Override
	public RequestHeadersUriSpec<?> delete() {
		return client().delete();
	}

	@Override
	public RequestHeadersUriSpec<?> options() {
		return client().options();
	}

	@Override
	public RequestBodyUriSpec method(HttpMethod method) {
		return client().method(method);
	}

	@Override
	public Builder mutate() {
		return client().mutate();
	}

	@Override
	public void close() throws Exception {
		TokenWebClient client;
		synchronized (this.lock) {
			this.closed = true;
			client = this.created;
		}
		if (client != null) {
			client.resources().close();
		}
	}

}
