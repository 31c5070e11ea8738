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

package io.github.entraidentity.credential;

import org.jspecify.annotations.Nullable;

/**
 * Where tokens outlive the process. Implementations do blocking I/O; the cache calls them
 * on a scheduler meant for it.
 *
 * @author Entra Identity contributors
 */
interface TokenStore {

	/**
	 * Return a stored token for the key, if one is stored and not expired.
	 * @param key the key
	 * @return the token or {@code null}
	 */
	@Nullable AccessToken load(TokenKey key);

	/**
	 * Store a token for the key, replacing any other.
	 * @param key the key
	 * @param token the token
	 */
	void save(TokenKey key, AccessToken token);

}
