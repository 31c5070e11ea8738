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

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An access token issued by Microsoft Entra ID. Its {@link #toString()} never shows the
 * token itself.
 *
 * @param token the access token to send as a bearer credential
 * @param expiresOn when the token expires
 * @param tokenType the token type, usually {@code Bearer}
 * @param refreshOn when the credential refreshes the token: the server's recommendation
 * ({@code refresh_in}) or, without one, the point its refresh policy chose; {@code null}
 * only on a token that did not come from a credential's cache
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record AccessToken(String token, Instant expiresOn, String tokenType, @Nullable Instant refreshOn) {

	/**
	 * Create a new {@link AccessToken}.
	 * @param token the access token
	 * @param expiresOn when the token expires
	 * @param tokenType the token type
	 * @param refreshOn when the token should be refreshed, or {@code null}
	 */
	public AccessToken {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(expiresOn, "expiresOn must not be null");
		Objects.requireNonNull(tokenType, "tokenType must not be null");
	}

	/**
	 * Return whether the token has expired at the given instant.
	 * @param now the instant to compare with
	 * @return whether {@code now} is at or after {@link #expiresOn()}
	 */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresOn);
	}

	@Override
	public String toString() {
		return "AccessToken[tokenType=" + this.tokenType + ", expiresOn=" + this.expiresOn + ", refreshOn="
				+ this.refreshOn + ", token=***]";
	}

}
