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

import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Settings of the {@link TokenCache}: where tokens persist, its clock, when tokens are
 * refreshed and how many it holds.
 *
 * @param store the shared store (L2), or {@code null} for memory only
 * @param authority the canonical authority, part of shared keys
 * @param clientId the client id, part of shared keys
 * @param scheduler the clock (and, in tests, virtual time)
 * @param defaultTenant the credential's configured tenant, whose single-scope entries are
 * found without allocating a key
 * @param refreshOffset how long before expiry a token without a server-sent refresh time
 * is refreshed
 * @param refreshRetryDelay how long to wait after a failed background refresh
 * @param maxEntries how many keys the cache holds at most
 * @param eventListener the listener told of each cache access
 * @param credentialName the credential's class name, for log messages
 * @param fetchLogger the credential's logging category, where failed fetches are logged
 * @author Entra Identity contributors
 */
record TokenCacheSettings(@Nullable SharedTokenStore store, String authority, String clientId, Scheduler scheduler,
		String defaultTenant, Duration refreshOffset, Duration refreshRetryDelay, int maxEntries,
		CredentialEventListener eventListener, String credentialName, Log fetchLogger) {

}
