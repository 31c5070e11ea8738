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

import java.util.function.Function;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import reactor.core.publisher.Mono;

/**
 * Proves the client's identity with a client assertion that something else made: the
 * application (a client assertion credential) or Kubernetes (workload identity's
 * federated token). The assertion is fetched for each token request, never for a cached
 * token; when Entra rejects it with one of the source's codes, it is fetched once more
 * and the request sent again if it changed.
 *
 * @author Entra Identity contributors
 */
public final class AssertionAuthentication implements ClientAuthentication {

	private final String method;

	private final AssertionSource source;

	/**
	 * Create the authentication.
	 * @param method the method reported in diagnostics, such as {@code client_assertion}
	 * @param source where assertions come from
	 */
	public AssertionAuthentication(String method, AssertionSource source) {
		this.method = method;
		this.source = source;
	}

	@Override
	public Mono<AccessToken> authenticate(String tokenEndpoint, Function<ClientProof, Mono<AccessToken>> request) {
		return this.source.assertion(tokenEndpoint)
			.flatMap((assertion) -> request.apply(ClientProof.clientAssertion(assertion))
				.onErrorResume(this::worthRereading,
						(ex) -> this.source.reread(tokenEndpoint)
							.filter((again) -> !again.equals(assertion))
							.switchIfEmpty(Mono.error(ex))
							.flatMap((again) -> request.apply(ClientProof.clientAssertion(again)))));
	}

	@Override
	public ClientAuthenticationInUse inUse() {
		return new ClientAuthenticationInUse(this.method, 1, 1, this.source.description(), null);
	}

	private boolean worthRereading(Throwable failure) {
		long[] codes = this.source.rereadAfter();
		if (codes == null || !(failure instanceof ClientAuthenticationException authentication)) {
			return false;
		}
		for (long code : codes) {
			if (authentication.errorCodes().contains(code)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "AssertionAuthentication[" + this.method + ", " + this.source.description() + "]";
	}

}
