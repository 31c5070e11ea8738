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

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where the {@link TokenPipeline} gets new tokens from: the one thing that differs
 * between a credential that posts a client-credentials request to Entra
 * ({@link TokenEndpointClient}) and one whose tokens come from another kind of endpoint
 * (such as a managed identity endpoint). Everything around it (cache, single flight,
 * refresh, observation, events) is the pipeline's.
 *
 * @author Entra Identity contributors
 */
public interface TokenSource {

	/**
	 * Request a new token, retries and time limits included.
	 * @param tenantId the resolved, validated tenant
	 * @param scopes the scopes, in the order requested
	 * @param claims the {@code claims} form field, or {@code null}
	 * @param attempts counts the HTTP attempts made, for metrics and messages
	 * @return the token, or a {@code ClientAuthenticationException} or
	 * {@code TokenTransportException}
	 */
	Mono<AccessToken> requestToken(String tenantId, List<String> scopes, @Nullable String claims,
			AtomicInteger attempts);

	/**
	 * Return the host tokens come from, for messages.
	 * @return the host
	 */
	String host();

	/**
	 * Describe how the source proves the client's identity, never the proof itself.
	 * @return the client authentication in use
	 */
	ClientAuthenticationInUse clientAuthentication();

	/**
	 * Creates the token source of a pipeline once the pipeline has its HTTP client.
	 */
	@FunctionalInterface
	interface Factory {

		/**
		 * Create the source.
		 * @param webClient the client token requests go through
		 * @param settings the pipeline's settings
		 * @return the source
		 */
		TokenSource create(WebClient webClient, PipelineSettings settings);

	}

}
