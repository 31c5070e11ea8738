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
import java.util.ArrayList;
import java.util.Set;

import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;

/**
 * Converts between the cache's own types and those of the shared store SPI, so that the
 * SPI never shows the cache's internals.
 *
 * @author Entra Identity contributors
 */
public final class SharedTokens {

	private SharedTokens() {
	}

	/**
	 * Return the shared form of a cached token.
	 * @param token the cached token
	 * @return the shared token
	 */
	public static SharedToken toShared(CachedToken token) {
		return new SharedToken(token.token(), Instant.ofEpochMilli(token.refreshAtMillis()));
	}

	/**
	 * Return the cached form of a shared token.
	 * @param token the shared token
	 * @return the cached token
	 */
	public static CachedToken toCached(SharedToken token) {
		return new CachedToken(token.token(), token.refreshAt().toEpochMilli(),
				token.token().expiresOn().toEpochMilli());
	}

	/**
	 * Return the shared key of a cache key.
	 * @param authority the canonical authority
	 * @param clientId the client id
	 * @param key the cache key
	 * @return the shared key
	 */
	public static SharedTokenKey toSharedKey(String authority, String clientId, TokenKey key) {
		return new SharedTokenKey(authority, clientId, key.tenantId(), new ArrayList<>(key.scopes()), key.cae());
	}

	/**
	 * Return the cache key of a shared key.
	 * @param key the shared key
	 * @return the cache key
	 */
	public static TokenKey toTokenKey(SharedTokenKey key) {
		return new TokenKey(key.tenantId(), Set.copyOf(key.scopes()), key.cae());
	}

}
