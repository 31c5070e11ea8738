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

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate an app registration proves itself with: its private key and its
 * certificate chain, the certificate whose public key matches first. Its
 * {@link #toString()} shows the subject, never the key.
 *
 * @param privateKey the private key, an RSA key for Microsoft Entra ID
 * @param chain the certificate chain, leaf first, at least one certificate
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record ClientCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

	/**
	 * Create a certificate.
	 * @param privateKey the private key
	 * @param chain the certificate chain, leaf first, at least one certificate
	 */
	public ClientCertificate {
		Objects.requireNonNull(privateKey, "privateKey must not be null");
		chain = List.copyOf(Objects.requireNonNull(chain, "chain must not be null"));
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("chain must hold at least the certificate of the private key");
		}
	}

	/**
	 * Return the certificate of the private key: the first of the chain.
	 * @return the leaf certificate
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	@Override
	public String toString() {
		return "ClientCertificate[subject=" + certificate().getSubjectX500Principal().getName() + ", privateKey=***]";
	}

}
