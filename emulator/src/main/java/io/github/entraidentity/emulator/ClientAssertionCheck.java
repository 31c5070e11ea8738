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
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a client assertion as Entra does, in Entra's order and with its codes: a
 * certificate assertion ({@code x5t#S256} names a certificate registered for the client,
 * PS256 or RS256 signature, {@code aud} the token endpoint, {@code iss} and {@code sub}
 * the client id, valid now within a small skew), or a federated token (signed by a
 * trusted issuer, matching a federated credential's issuer and subject, audience
 * {@code api://AzureADTokenExchange}).
 *
 * @author Entra Identity contributors
 */
final class ClientAssertionCheck {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

	private static final long SKEW_SECONDS = 300;

	private static final JsonMapper json = JsonMapper.builder().build();

	private ClientAssertionCheck() {
	}

	/**
	 * Check a certificate assertion.
	 * @param assertion the compact JWT
	 * @param audience the token endpoint the request went to
	 * @param clientId the client id
	 * @param certificates the certificates registered for the client
	 * @param now the emulator's time
	 * @return the error Entra would give, or {@code null} when the assertion is valid
	 */
	static @Nullable EntraError certificate(String assertion, String audience, String clientId,
			Collection<X509Certificate> certificates, Instant now) {
		Jwt jwt = Jwt.parse(assertion);
		if (jwt == null) {
			return EntraError.malformedAssertion();
		}
		X509Certificate certificate = certificates.stream()
			.filter((candidate) -> thumbprint(candidate).equals(jwt.header().get("x5t#S256")))
			.findFirst()
			.orElse(null);
		if (certificate == null) {
			return EntraError.assertionKeyNotFound(clientId);
		}
		if (!jwt.verifies(certificate.getPublicKey())) {
			return EntraError.invalidAssertionSignature();
		}
		if (!clientId.equals(jwt.claims().get("iss")) || !clientId.equals(jwt.claims().get("sub"))) {
			return EntraError.assertionClientMismatch();
		}
		if (!audience.equals(jwt.claims().get("aud"))) {
			return EntraError.assertionAudienceInvalid(audience);
		}
		return jwt.timeProblem(now);
	}

	/**
	 * Check a federated token.
	 * @param assertion the compact JWT
	 * @param issuerKey the key that signs the trusted issuer's tokens
	 * @param credentials the federated credentials of the app registration
	 * @param now the emulator's time
	 * @return the error Entra would give, or {@code null} when the token is valid
	 */
	static @Nullable EntraError federated(String assertion, PublicKey issuerKey,
			Collection<FederatedCredential> credentials, Instant now) {
		Jwt jwt = Jwt.parse(assertion);
		if (jwt == null) {
			return EntraError.malformedAssertion();
		}
		Object issuer = jwt.claims().get("iss");
		if (credentials.stream().noneMatch((credential) -> credential.issuer().equals(issuer))) {
			return EntraError.noFederatedIssuer(String.valueOf(issuer));
		}
		if (!jwt.verifies(issuerKey)) {
			return EntraError.invalidAssertionSignature();
		}
		Object subject = jwt.claims().get("sub");
		if (credentials.stream()
			.noneMatch((credential) -> credential.issuer().equals(issuer) && credential.subject().equals(subject))) {
			return EntraError.noFederatedSubject(String.valueOf(subject));
		}
		Object audience = jwt.claims().get("aud");
		boolean exchange = (audience instanceof List<?> list) ? list.contains(EXCHANGE_AUDIENCE)
				: EXCHANGE_AUDIENCE.equals(audience);
		if (!exchange) {
			return EntraError.noFederatedAudience(String.valueOf(audience));
		}
		return jwt.timeProblem(now);
	}

	/**
	 * Return whether an assertion is a certificate assertion: its header names a
	 * certificate thumbprint.
	 * @param assertion the compact JWT
	 * @return whether it names a certificate
	 */
	static boolean namesCertificate(String assertion) {
		Jwt jwt = Jwt.parse(assertion);
		return jwt != null && (jwt.header().containsKey("x5t#S256") || jwt.header().containsKey("x5t"));
	}

	static String thumbprint(X509Certificate certificate) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot compute a SHA-256 thumbprint", ex);
		}
	}

	private record Jwt(Map<String, Object> header, Map<String, Object> claims, String signingInput, byte[] signature) {

		@SuppressWarnings("unchecked")
		static @Nullable Jwt parse(String compact) {
			String[] parts = compact.split("\\.", -1);
			if (parts.length != 3) {
				return null;
			}
			try {
				Base64.Decoder decoder = Base64.getUrlDecoder();
				return new Jwt(json.readValue(decoder.decode(parts[0]), Map.class),
						json.readValue(decoder.decode(parts[1]), Map.class), parts[0] + "." + parts[1],
						decoder.decode(parts[2]));
			}
			catch (IllegalArgumentException | JacksonException ex) {
				return null;
			}
		}

		boolean verifies(PublicKey key) {
			try {
				Signature verifier;
				Object algorithm = this.header.get("alg");
				if ("PS256".equals(algorithm)) {
					verifier = Signature.getInstance("RSASSA-PSS");
					verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
				}
				else if ("RS256".equals(algorithm)) {
					verifier = Signature.getInstance("SHA256withRSA");
				}
				else {
					return false;
				}
				verifier.initVerify(key);
				verifier.update(this.signingInput.getBytes(StandardCharsets.US_ASCII));
				return verifier.verify(this.signature);
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		@Nullable EntraError timeProblem(Instant now) {
			long seconds = now.getEpochSecond();
			if (!(this.claims.get("exp") instanceof Number exp) || exp.longValue() + SKEW_SECONDS <= seconds) {
				return EntraError.assertionExpired();
			}
			if (this.claims.get("nbf") instanceof Number nbf && nbf.longValue() - SKEW_SECONDS > seconds) {
				return EntraError.assertionExpired();
			}
			return null;
		}

	}

}
