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

package io.github.entraidentity.emulator;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An access token the emulator issued, with its claims, so that a test can assert on what
 * its application received and sent on.
 *
 * @param accessToken the signed JWT as sent to the client
 * @param claims the token's claims ({@code aud}, {@code iss}, {@code tid}, {@code appid},
 * {@code iat}, {@code exp}, ...)
 * @param scope the scope it was requested for
 * @param requestedClaims the {@code claims} parameter of the request, or {@code null}
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record IssuedToken(String accessToken, Map<String, Object> claims, String scope,
		@Nullable String requestedClaims, Instant issuedAt, Instant expiresAt) {

	/**
	 * Copy the claims.
	 * @param accessToken the token
	 * @param claims the claims
	 * @param scope the scope
	 * @param requestedClaims the requested claims or {@code null}
	 * @param issuedAt the issue time
	 * @param expiresAt the expiry time
	 */
	public IssuedToken {
		claims = Map.copyOf(claims);
	}

	/**
	 * Return the audience ({@code aud}) of the token.
	 * @return the audience, such as {@code https://storage.azure.com}
	 */
	public String audience() {
		return (String) this.claims.get("aud");
	}

	/**
	 * Return the issuer ({@code iss}) of the token.
	 * @return the issuer
	 */
	public String issuer() {
		return (String) this.claims.get("iss");
	}

	@Override
	public String toString() {
		// the token is a bearer credential: never printed, even in a test report
		return "IssuedToken[scope=" + this.scope + ", audience=" + audience() + ", issuer=" + issuer() + ", issuedAt="
				+ this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
