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

import org.jspecify.annotations.Nullable;

/**
 * Where tokens outlive the process. Implementations do blocking I/O; the cache calls them
 * on a scheduler meant for it.
 *
 * @author Entra Identity contributors
 */
interface TokenStore {

	/**
	 * Return the stored token for the key, if one is stored and still valid.
	 * @param key the key
	 * @param nowMillis the cache's current time
	 * @return the token or {@code null}
	 */
	@Nullable CachedToken load(TokenKey key, long nowMillis);

	/**
	 * Store a token for the key, replacing any other, and keep the tokens other
	 * credentials or processes stored for other keys.
	 * @param key the key
	 * @param token the token
	 * @param nowMillis the cache's current time, to drop expired tokens
	 */
	void save(TokenKey key, CachedToken token, long nowMillis);

	/**
	 * Finish pending writes, within a bound, and release what the store holds.
	 */
	default void close() {
	}

}
