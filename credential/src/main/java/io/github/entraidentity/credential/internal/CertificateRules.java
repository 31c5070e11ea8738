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

import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

import io.github.entraidentity.credential.ClientCertificate;
import org.jspecify.annotations.Nullable;

/**
 * What a certificate must be for Microsoft Entra ID to accept the assertions it signs: an
 * RSA key that matches the certificate, and a certificate valid now.
 *
 * @author Entra Identity contributors
 */
public final class CertificateRules {

	private CertificateRules() {
	}

	/**
	 * Check a certificate.
	 * @param certificate the certificate and its key
	 * @param now the instant it must be valid at
	 * @return what is wrong, phrased to follow the setting's name, or {@code null}
	 */
	public static CertificateParser.@Nullable Problem problem(ClientCertificate certificate, Instant now) {
		if (!"RSA".equals(certificate.privateKey().getAlgorithm())
				|| !(certificate.privateKey() instanceof RSAKey privateKey)) {
			return new CertificateParser.Problem(
					"holds a private key of type " + certificate.privateKey().getAlgorithm()
							+ "; Microsoft Entra ID verifies RSA keys",
					"Create the certificate with an RSA key (2048 bits or more).");
		}
		X509Certificate leaf = certificate.certificate();
		if (!(leaf.getPublicKey() instanceof RSAPublicKey publicKey)
				|| !publicKey.getModulus().equals(privateKey.getModulus())) {
			return new CertificateParser.Problem("holds a private key that does not belong to its certificate",
					"Put the certificate issued for this key first, or the key of the first certificate.");
		}
		if (now.isAfter(leaf.getNotAfter().toInstant())) {
			return new CertificateParser.Problem(
					"holds a certificate that expired on " + leaf.getNotAfter().toInstant(),
					"Create a new certificate, upload it to the app registration and configure it here.");
		}
		if (now.isBefore(leaf.getNotBefore().toInstant())) {
			return new CertificateParser.Problem(
					"holds a certificate that is not valid before " + leaf.getNotBefore().toInstant(),
					"Check the certificate's dates and this machine's clock.");
		}
		return null;
	}

}
