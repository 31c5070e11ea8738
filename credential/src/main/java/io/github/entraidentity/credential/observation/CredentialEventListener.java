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

package io.github.entraidentity.credential.observation;

import io.github.entraidentity.credential.EntraCredential;

/**
 * Receives events from a {@link EntraCredential}, for metrics and health. Methods are
 * called on the caller's or a Reactor thread and must be fast and never throw.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public interface CredentialEventListener {

	/**
	 * A listener that ignores every event.
	 */
	CredentialEventListener NONE = new CredentialEventListener() {
	};

	/**
	 * Called once per {@code getToken} subscription with how the cache answered.
	 * @param result the cache result
	 */
	default void cacheAccessed(CacheResult result) {
	}

	/**
	 * Called when a token request to Entra finished, successfully or not.
	 * @param outcome the outcome
	 */
	default void tokenFetched(FetchOutcome outcome) {
	}

	/**
	 * Called when the credential started using another client secret: a fallback after
	 * Entra rejected the one in use, or a new value from the secret's source.
	 * @param event what changed and why; never the secret
	 */
	default void clientAuthenticationSwitched(ClientAuthenticationSwitch event) {
	}

	/**
	 * Called when a token request with claims was not sent because an API asked for
	 * claims again too soon or too often.
	 * @param limit what the credential did instead
	 */
	default void claimsRequestLimited(ClaimsRequestLimit limit) {
	}

}
