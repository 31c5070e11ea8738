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

import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.TokenFetchObservationConvention;
import io.github.entraidentity.credential.store.SharedTokenStore;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Everything a {@link TokenPipeline} is built from but its {@link TokenSource}: the
 * settings every credential type shares, checked by the builders before they get here.
 *
 * @param credentialType the public credential class, whose name the pipeline's logs and
 * messages use (so logging categories set for it keep working)
 * @param identity whose tokens the credential requests and where from
 * @param webClient the client token requests go through, or {@code null} for the
 * credential's own
 * @param ownedHttpResources what the credential closes with a supplied client, or
 * {@code null}
 * @param connectTimeout the connect timeout of the credential's own client
 * @param endpoint the limits of each token request
 * @param cachePersistenceOptions the encrypted file cache, or {@code null}
 * @param sharedTokenStore the shared store (L2), or {@code null}
 * @param refreshOffset how long before expiry a token is refreshed
 * @param refreshRetryDelay how long to wait after a failed background refresh
 * @param maxCacheEntries how many tokens the in-memory cache holds at most
 * @param scheduler the clock and the timer of every wait
 * @param eventListener the listener told of cache, fetch and client authentication events
 * @param observationRegistry the registry observing each token request
 * @param observationConvention a custom observation convention, or {@code null}
 * @author Entra Identity contributors
 */
public record PipelineSettings(Class<?> credentialType, CredentialIdentity identity, @Nullable WebClient webClient,
		@Nullable AutoCloseable ownedHttpResources, Duration connectTimeout, EndpointSettings endpoint,
		@Nullable TokenCachePersistenceOptions cachePersistenceOptions, @Nullable SharedTokenStore sharedTokenStore,
		Duration refreshOffset, Duration refreshRetryDelay, int maxCacheEntries, Scheduler scheduler,
		CredentialEventListener eventListener, ObservationRegistry observationRegistry,
		@Nullable TokenFetchObservationConvention observationConvention) {

}
