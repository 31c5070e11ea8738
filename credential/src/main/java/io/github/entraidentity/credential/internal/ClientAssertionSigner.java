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
package io.github.entraidentity.credential.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

import io.github.entraidentity.credential.AssertionSigningAlgorithm;
import io.github.entraidentity.credential.ClientCertificate;
import io.github.entraidentity.credential.CredentialUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Signs the client assertion of one token request as Microsoft Entra ID asks: a JWT with
 * header {@code alg}, {@code typ} {@code JWT}, {@code x5t#S256} (the SHA-256 thumbprint
 * of the certificate) and, when the chain is sent, {@code x5c}; claims {@code aud} (the
 * token endpoint the request goes to), {@code iss} and {@code sub} (the client id), a
 * random {@code jti}, {@code nbf} and {@code iat} (now) and {@code exp} (10 minutes
 * later).
 *
 * @author Entra Identity contributors
 */
public final class ClientAssertionSigner {

	/**
	 * How long an assertion is valid: Entra's documented maximum.
	 */
	static final long LIFETIME_SECONDS = 600;

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private final String clientId;

	private final AssertionSigningAlgorithm algorithm;

	private final boolean sendChain;

	// The header depends on the certificate only: signed requests reuse it
	private volatile @Nullable Header header;

	/**
	 * Create a signer.
	 * @param clientId the client id, the assertion's issuer and subject
	 * @param algorithm the signing algorithm
	 * @param sendChain whether the header carries the certificate chain ({@code x5c}),
	 * for subject name and issuer authentication
	 */
	public ClientAssertionSigner(String clientId, AssertionSigningAlgorithm algorithm, boolean sendChain) {
		this.clientId = clientId;
		this.algorithm = algorithm;
		this.sendChain = sendChain;
	}

	/**
	 * Sign an assertion.
	 * @param certificate the certificate and its key
	 * @param audience the token endpoint the request goes to
	 * @param nowSeconds the current time in epoch seconds
	 * @return the compact JWT
	 */
	public String sign(ClientCertificate certificate, String audience, long nowSeconds) {
		String claims = "{\"aud\":" + json(audience) + ",\"iss\":" + json(this.clientId) + ",\"sub\":"
				+ json(this.clientId) + ",\"jti\":\"" + RandomIds.uuid() + "\",\"nbf\":" + nowSeconds + ",\"iat\":"
				+ nowSeconds + ",\"exp\":" + (nowSeconds + LIFETIME_SECONDS) + "}";
		String signingInput = header(certificate) + "." + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = signature();
			signature.initSign(certificate.privateKey());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			// The message names no key material, only what the JDK refused
			throw new CredentialUnavailableException("Signing the client assertion with " + this.algorithm + " failed: "
					+ ex.getClass().getSimpleName());
		}
	}

	/**
	 * Return the base64url SHA-256 thumbprint of a certificate, as {@code x5t#S256}
	 * carries it and Entra shows it.
	 * @param certificate the certificate
	 * @return the thumbprint
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private String header(ClientCertificate certificate) {
		Header current = this.header;
		if (current != null && current.certificate == certificate) {
			return current.encoded;
		}
		StringBuilder json = new StringBuilder("{\"alg\":\"").append(this.algorithm.name())
			.append("\",\"typ\":\"JWT\",\"x5t#S256\":\"")
			.append(thumbprint(certificate.certificate()))
			.append('"');
		if (this.sendChain) {
			json.append(",\"x5c\":[");
			for (int i = 0; i < certificate.chain().size(); i++) {
				json.append((i > 0) ? ",\"" : "\"").append(der(certificate.chain().get(i))).append('"');
			}
			json.append(']');
		}
		String encoded = URL.encodeToString(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
		this.header = new Header(certificate, encoded);
		return encoded;
	}

	private Signature signature() throws GeneralSecurityException {
		if (this.algorithm == AssertionSigningAlgorithm.RS256) {
			return Signature.getInstance("SHA256withRSA");
		}
		Signature signature = Signature.getInstance("RSASSA-PSS");
		signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
		return signature;
	}

	private static String der(X509Certificate certificate) {
		try {
			// x5c holds standard base64, not base64url (RFC 7515, 4.1.6)
			return Base64.getEncoder().encodeToString(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("The certificate cannot be encoded", ex);
		}
	}

	private static String json(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	private record Header(ClientCertificate certificate, String encoded) {

	}

}
