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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A claims challenge for a protected API in a test to send, as an Azure service does
 * under Continuous Access Evaluation when it revokes a session: {@code 401} with
 * {@code WWW-Authenticate: Bearer ..., error="insufficient_claims", claims="..."}, asking
 * for a token issued after a point in time. Create it with
 * {@link EntraEmulator#claimsChallenge()}; {@link #isAnsweredBy(IssuedToken)} tells the
 * API whether a token it receives answers it.
 *
 * @param notBefore the time the new token must be issued at or after
 * @param authorizationUri the emulator's authorization endpoint, sent as
 * {@code authorization_uri}
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record InsufficientClaimsChallenge(Instant notBefore, String authorizationUri) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Return the claims the challenge asks for, as a JSON object.
	 * @return {@code {"access_token":{"nbf":{"essential":true,"value":"<epoch
	 * seconds>"}}}}
	 */
	public String claims() {
		return "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + this.notBefore.getEpochSecond()
				+ "\"}}}";
	}

	/**
	 * Return the {@code WWW-Authenticate} header value to answer a request with.
	 * @return the header value
	 */
	public String wwwAuthenticate() {
		// Azure services send standard base64 with padding
		String encoded = Base64.getEncoder().encodeToString(claims().getBytes(StandardCharsets.UTF_8));
		return "Bearer realm=\"\", authorization_uri=\"" + this.authorizationUri
				+ "\", error=\"insufficient_claims\", claims=\"" + encoded + "\"";
	}

	/**
	 * Return whether a token answers this challenge: it was requested with these claims
	 * and issued at or after {@link #notBefore()}.
	 * @param token a token the emulator issued, or {@code null} for one it did not
	 * @return whether the token answers the challenge
	 */
	public boolean isAnsweredBy(@Nullable IssuedToken token) {
		if (token == null || token.requestedClaims() == null || token.issuedAt().isBefore(this.notBefore)) {
			return false;
		}
		try {
			JsonNode value = JSON.readTree(token.requestedClaims()).at("/access_token/nbf/value");
			return value.isString() && value.asString().equals(Long.toString(this.notBefore.getEpochSecond()));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
