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

package io.github.entraidentity.credential.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.internal.ClaimsRequest;
import org.jspecify.annotations.Nullable;

/**
 * A claims challenge (Continuous Access Evaluation, Conditional Access) read from the
 * {@code WWW-Authenticate} header of a 401 response: a {@code Bearer} challenge with
 * {@code error="insufficient_claims"} and a base64url-encoded {@code claims} parameter.
 * <p>
 * Answer it with a new token:
 * {@code credential.getToken(TokenRequestContext.of(scopes).withClaims(challenge.claims()).withCaeEnabled(true))}.
 * {@link BearerTokenFilter} does this for {@code WebClient} requests.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClaimsChallenge {

	private static final String INSUFFICIENT_CLAIMS = "insufficient_claims";

	private final String claims;

	private ClaimsChallenge(String claims) {
		this.claims = claims;
	}

	/**
	 * Find a claims challenge in the values of a {@code WWW-Authenticate} header. Never
	 * throws: malformed headers, other schemes or errors, and claims that are not base64
	 * (url-safe or standard, padded or not) of a JSON object yield no challenge.
	 * @param wwwAuthenticateValues the header values, for example
	 * {@code response.headers().header("WWW-Authenticate")}
	 * @return the first valid claims challenge, or empty
	 */
	public static Optional<ClaimsChallenge> find(@Nullable List<@Nullable String> wwwAuthenticateValues) {
		for (AuthenticationChallenge challenge : WwwAuthenticateParser.parse(wwwAuthenticateValues)) {
			String error = challenge.parameter("error");
			String encoded = challenge.parameter("claims");
			if (challenge.hasScheme("Bearer") && INSUFFICIENT_CLAIMS.equalsIgnoreCase(error) && encoded != null) {
				String claims = decode(encoded);
				if (claims != null && isJsonObject(claims)) {
					return Optional.of(new ClaimsChallenge(claims));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Return the decoded claims, a JSON object to pass to
	 * {@link TokenRequestContext#withClaims(String)}.
	 * @return the claims JSON
	 */
	public String claims() {
		return this.claims;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (this == obj) || (obj instanceof ClaimsChallenge other && this.claims.equals(other.claims));
	}

	@Override
	public int hashCode() {
		return this.claims.hashCode();
	}

	@Override
	public String toString() {
		return "ClaimsChallenge[claims=" + this.claims + "]";
	}

	/**
	 * Decode base64url or standard base64, with or without padding, as strict UTF-8.
	 * @param encoded the encoded claims
	 * @return the decoded text, or {@code null} if the input is not valid
	 */
	static @Nullable String decode(String encoded) {
		String value = encoded.strip();
		int dataEnd = value.length();
		while (dataEnd > 0 && value.charAt(dataEnd - 1) == '=') {
			dataEnd--;
		}
		int padding = value.length() - dataEnd;
		if (dataEnd == 0 || padding > 2 || (padding > 0 && value.length() % 4 != 0) || dataEnd % 4 == 1) {
			return null;
		}
		String data = value.substring(0, dataEnd);
		for (int i = 0; i < data.length(); i++) {
			char c = data.charAt(i);
			boolean base64 = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '+' || c == '/';
			if (!base64) {
				return null;
			}
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(data.replace('+', '-').replace('/', '_'));
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean isJsonObject(String claims) {
		if (claims.isBlank()) {
			return false;
		}
		try {
			ClaimsRequest.validate(claims);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
