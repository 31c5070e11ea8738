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

package io.github.entraidentity.credential.store;

import java.time.Instant;
import java.util.Objects;

import io.github.entraidentity.credential.AccessToken;

/**
 * A token as a {@link SharedTokenStore} keeps it: the token and the instant at which the
 * credentials sharing it should refresh it. It expires at
 * {@link AccessToken#expiresOn()}.
 *
 * @param token the token
 * @param refreshAt when to refresh the token
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record SharedToken(AccessToken token, Instant refreshAt) {

	/**
	 * Create a shared token.
	 * @param token the token
	 * @param refreshAt when to refresh the token
	 */
	public SharedToken {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(refreshAt, "refreshAt must not be null");
	}

	@Override
	public String toString() {
		return "SharedToken[token=" + this.token + ", refreshAt=" + this.refreshAt + "]";
	}

}
