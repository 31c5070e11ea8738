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
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the RS256 signature of a token in tests and returns its claims.
 *
 * @author Entra Identity contributors
 */
public final class SignedTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SignedTokens() {
	}

	/**
	 * Verify the signature of a compact JWT and return its claims.
	 * @param token the token
	 * @param key the key that must have signed it
	 * @return the claims
	 * @throws AssertionError if the signature does not verify
	 */
	public static Map<String, Object> verify(String token, PublicKey key) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			throw new AssertionError("not a compact JWT: " + parts.length + " parts");
		}
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(key);
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
				throw new AssertionError("the token's signature does not verify with the given key");
			}
		}
		catch (GeneralSecurityException ex) {
			throw new AssertionError("cannot verify the token's signature", ex);
		}
		return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() {
		});
	}

}
