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

package io.github.entraidentity.sample.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies RS256 access tokens the way a resource server does: signature, issuer,
 * audience and validity period.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class JwtVerifier {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final PublicKey key;

	private final String issuer;

	private final String audience;

	private final Clock clock;

	/**
	 * Create a verifier.
	 * @param key the issuer's signing key
	 * @param issuer the expected {@code iss}
	 * @param audience the expected {@code aud}
	 * @param clock the clock for {@code exp} and {@code nbf}
	 */
	public JwtVerifier(PublicKey key, String issuer, String audience, Clock clock) {
		this.key = key;
		this.issuer = issuer;
		this.audience = audience;
		this.clock = clock;
	}

	/**
	 * Verify a token and return its claims.
	 * @param token the compact serialization
	 * @return the claims
	 * @throws InvalidTokenException if the token is not acceptable, with the reason
	 */
	public Map<String, Object> verify(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new InvalidTokenException("the token is not a JWT");
		}
		JsonNode header = decode(parts[0]);
		if (!"RS256".equals(header.path("alg").asString())) {
			throw new InvalidTokenException("the token is not signed with RS256");
		}
		if (!signatureMatches(parts)) {
			throw new InvalidTokenException("the token signature is invalid");
		}
		JsonNode claims = decode(parts[1]);
		Instant now = this.clock.instant();
		if (!claims.path("exp").canConvertToLong()
				|| now.minus(CLOCK_SKEW).getEpochSecond() >= claims.path("exp").asLong()) {
			throw new InvalidTokenException("the token has expired");
		}
		if (claims.has("nbf") && now.plus(CLOCK_SKEW).getEpochSecond() < claims.path("nbf").asLong()) {
			throw new InvalidTokenException("the token is not valid yet");
		}
		if (!this.issuer.equals(claims.path("iss").asString())) {
			throw new InvalidTokenException("the token was issued by another issuer");
		}
		if (!this.audience.equals(claims.path("aud").asString())) {
			throw new InvalidTokenException("the token is meant for another audience");
		}
		return this.json.convertValue(claims, Map.class);
	}

	private boolean signatureMatches(String[] parts) {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(this.key);
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private JsonNode decode(String part) {
		try {
			JsonNode node = this.json.readTree(Base64.getUrlDecoder().decode(part));
			if (!node.isObject()) {
				throw new InvalidTokenException("the token is not a JWT");
			}
			return node;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new InvalidTokenException("the token is not a JWT");
		}
	}

	/**
	 * Thrown when a token is not acceptable.
	 */
	public static final class InvalidTokenException extends RuntimeException {

		InvalidTokenException(String reason) {
			super(reason);
		}

	}

}
