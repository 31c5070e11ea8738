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

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends a client's requests somewhere else while switched: how a test makes the network
 * fail (an untrusted certificate, a name that does not resolve) for a credential that
 * already holds a token from a healthy endpoint.
 */
final class NetworkSwitch {

	private final AtomicReference<URI> target = new AtomicReference<>();

	void sendTo(URI base) {
		this.target.set(base);
	}

	void reset() {
		this.target.set(null);
	}

	ExchangeFilterFunction filter() {
		return (request, next) -> {
			URI base = this.target.get();
			if (base == null) {
				return next.exchange(request);
			}
			URI rerouted = UriComponentsBuilder.fromUri(request.url())
				.scheme(base.getScheme())
				.host(base.getHost())
				.port(base.getPort())
				.build(true)
				.toUri();
			return next.exchange(ClientRequest.from(request).url(rerouted).build());
		};
	}

}
