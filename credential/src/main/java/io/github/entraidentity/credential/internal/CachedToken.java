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

import java.time.Instant;

import io.github.entraidentity.credential.AccessToken;

/**
 * A token held by the cache together with the instants, as epoch milliseconds, at which
 * it should be refreshed and at which it expires. The token handed to callers carries the
 * refresh point as its {@link AccessToken#refreshOn()}, so that a caching layer on top
 * (such as the Azure SDK's bearer policy) refreshes when this cache does rather than by a
 * rule of its own.
 *
 * @param token the token
 * @param refreshAtMillis when a background refresh should start
 * @param expiresAtMillis when the token stops being served
 * @author Entra Identity contributors
 */
public record CachedToken(AccessToken token, long refreshAtMillis, long expiresAtMillis) {

	public CachedToken {
		// Never past expiry, whatever a stored entry says
		Instant refreshAt = Instant.ofEpochMilli(Math.min(refreshAtMillis, expiresAtMillis));
		if (!refreshAt.equals(token.refreshOn())) {
			token = new AccessToken(token.token(), token.expiresOn(), token.tokenType(), refreshAt);
		}
	}

	/**
	 * Create a cached token, deriving the refresh point. A server-sent {@code refreshOn}
	 * wins; otherwise the token is refreshed {@code refreshOffsetMillis} before expiry,
	 * but never before half its remaining lifetime so that short-lived tokens are still
	 * reused.
	 * @param token the token
	 * @param nowMillis when the token was obtained
	 * @param refreshOffsetMillis how long before expiry to refresh
	 * @return the cached token
	 */
	public static CachedToken of(AccessToken token, long nowMillis, long refreshOffsetMillis) {
		long expiresAt = token.expiresOn().toEpochMilli();
		long refreshAt;
		if (token.refreshOn() != null) {
			refreshAt = Math.min(token.refreshOn().toEpochMilli(), expiresAt);
		}
		else {
			long halfLife = nowMillis + (expiresAt - nowMillis) / 2;
			refreshAt = Math.max(expiresAt - refreshOffsetMillis, halfLife);
		}
		return new CachedToken(token, refreshAt, expiresAt);
	}

	/**
	 * Return whether the token may be served without a refresh. Never past expiry,
	 * whatever the refresh point says (a stored entry could say anything).
	 * @param nowMillis the current time
	 * @return whether the token is fresh
	 */
	boolean isFreshAt(long nowMillis) {
		return nowMillis < this.refreshAtMillis && nowMillis < this.expiresAtMillis;
	}

	boolean isValidAt(long nowMillis) {
		return nowMillis < this.expiresAtMillis;
	}

}
