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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signs JSON Web Tokens with RS256 using an RSA key pair generated when it is created, as
 * Entra signs access tokens with the keys it publishes at its JWKS endpoint.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class JwtSigner {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final JsonMapper json = JsonMapper.builder().build();

	private final KeyPair keyPair;

	private final String keyId;

	/**
	 * Create a signer with a fresh 2048-bit RSA key pair.
	 */
	public JwtSigner() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keyPair = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot generate an RSA key pair", ex);
		}
		this.keyId = UUID.randomUUID().toString();
	}

	/**
	 * Return the public key that verifies this signer's tokens.
	 * @return the public key
	 */
	public RSAPublicKey publicKey() {
		return (RSAPublicKey) this.keyPair.getPublic();
	}

	/**
	 * Return the id of the signing key, sent as the token header's {@code kid}.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Return the public key as a JSON Web Key, as listed by Entra's JWKS endpoint.
	 * @return the JSON Web Key
	 */
	public Map<String, Object> jwk() {
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("use", "sig");
		jwk.put("kid", this.keyId);
		jwk.put("n", unsigned(publicKey().getModulus()));
		jwk.put("e", unsigned(publicKey().getPublicExponent()));
		return jwk;
	}

	/**
	 * Sign the given claims.
	 * @param claims the claims
	 * @return the compact serialization {@code header.payload.signature}
	 */
	public String sign(Map<String, Object> claims) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("typ", "JWT");
		header.put("alg", "RS256");
		header.put("kid", this.keyId);
		String signingInput = encode(header) + "." + encode(claims);
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.keyPair.getPrivate());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot sign with SHA256withRSA", ex);
		}
	}

	private String encode(Map<String, Object> value) {
		return BASE64URL.encodeToString(this.json.writeValueAsBytes(value));
	}

	private static String unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		// BigInteger adds a sign byte when the top bit is set; JWK wants the bare
		// magnitude
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return BASE64URL.encodeToString(bytes);
	}

}
