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
package io.github.entraidentity.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.github.entraidentity.credential.AssertionSigningAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * Certificate properties of a credential that proves itself with a certificate instead of
 * a secret ({@code identity.client-certificate.*} and
 * {@code identity.credentials.<name>.client-certificate.*}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class ClientCertificateProperties {

	/**
	 * PEM file (certificate chain and its PKCS#8 or PKCS#1 RSA private key) or PKCS#12
	 * file of the certificate registered for the app, read again when the file is
	 * replaced. The unnamed credential falls back to AZURE_CLIENT_CERTIFICATE_PATH.
	 * Exclusive with ssl-bundle and with every client secret property.
	 */
	private @Nullable Path path;

	/**
	 * Password of the PKCS#12 file. The unnamed credential falls back to
	 * AZURE_CLIENT_CERTIFICATE_PASSWORD.
	 */
	private @Nullable String password;

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) whose key store holds the certificate
	 * and its private key; a reloaded bundle is used from the next token request.
	 * Exclusive with path.
	 */
	private @Nullable String sslBundle;

	/**
	 * Whether to send the certificate chain with each assertion (x5c), as subject name
	 * and issuer authentication requires.
	 */
	private boolean sendChain;

	/**
	 * Algorithm client assertions are signed with: PS256, or RS256 for authorities that
	 * need it.
	 */
	private AssertionSigningAlgorithm signingAlgorithm = AssertionSigningAlgorithm.PS256;

	/**
	 * How long before the certificate expires the health indicator advises a rotation and
	 * token requests log a warning, once a day.
	 */
	private Duration expiryWarning = Duration.ofDays(30);

	public @Nullable Path getPath() {
		return this.path;
	}

	public void setPath(@Nullable Path path) {
		this.path = path;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public boolean isSendChain() {
		return this.sendChain;
	}

	public void setSendChain(boolean sendChain) {
		this.sendChain = sendChain;
	}

	public AssertionSigningAlgorithm getSigningAlgorithm() {
		return this.signingAlgorithm;
	}

	public void setSigningAlgorithm(AssertionSigningAlgorithm signingAlgorithm) {
		this.signingAlgorithm = signingAlgorithm;
	}

	public Duration getExpiryWarning() {
		return this.expiryWarning;
	}

	public void setExpiryWarning(Duration expiryWarning) {
		this.expiryWarning = expiryWarning;
	}

	@Override
	public String toString() {
		return "ClientCertificateProperties[path=" + this.path + ", password="
				+ ((this.password != null) ? "***" : "unset") + ", sslBundle=" + this.sslBundle + "]";
	}

}
