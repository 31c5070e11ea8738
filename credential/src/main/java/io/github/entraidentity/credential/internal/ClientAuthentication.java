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
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import reactor.core.publisher.Mono;

/**
 * How an app registration proves itself in a token request: the one seam between the
 * shared {@link TokenEndpointClient} and a way of authenticating (a client secret, later
 * a certificate or a federated token). It turns "send this request with my proof" into
 * form fields, and may read its proof again or switch to another one after Entra rejected
 * it.
 *
 * @author Entra Identity contributors
 */
public interface ClientAuthentication {

	/**
	 * Send a token request with the proof in use.
	 * @param tokenEndpoint the token endpoint the request goes to, the audience of an
	 * assertion
	 * @param request sends one token request with the given proof and returns its token
	 * or failure
	 * @return the token, or the failure of the last proof tried
	 */
	Mono<AccessToken> authenticate(String tokenEndpoint, Function<ClientProof, Mono<AccessToken>> request);

	/**
	 * Describe the proof in use, never the proof itself.
	 * @return the client authentication in use
	 */
	ClientAuthenticationInUse inUse();

}
