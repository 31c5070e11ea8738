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

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.entraidentity.credential.ClientCertificate;
import io.github.entraidentity.credential.ClientCertificateSource;
import io.github.entraidentity.credential.CredentialUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundles;

/**
 * A client certificate taken from the key store of a Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.jks.*} or {@code .pem.*}): the bundle key's alias, or the
 * first key entry. When Boot reloads the bundle (its files changed and
 * {@code reload-on-update} is on), the next token request uses the new certificate.
 *
 * @author Entra Identity contributors
 */
final class SslBundleCertificates implements ClientCertificateSource {

	private final @Nullable SslBundles bundles;

	private final String name;

	private volatile @Nullable ClientCertificate current;

	SslBundleCertificates(@Nullable SslBundles bundles, String name) {
		this.bundles = bundles;
		this.name = name;
		if (bundles != null) {
			try {
				bundles.addBundleUpdateHandler(name, (bundle) -> this.current = null);
			}
			catch (NoSuchSslBundleException ex) {
				// Reported by certificate() when the credential is checked
			}
		}
	}

	@Override
	public ClientCertificate certificate() {
		ClientCertificate certificate = this.current;
		if (certificate == null) {
			certificate = read();
			this.current = certificate;
		}
		return certificate;
	}

	@Override
	public ClientCertificate reread() {
		ClientCertificate certificate = read();
		this.current = certificate;
		return certificate;
	}

	@Override
	public String description() {
		return "SSL bundle " + this.name;
	}

	private ClientCertificate read() {
		if (this.bundles == null) {
			throw new CredentialUnavailableException("SSL bundle " + this.name + " cannot be read: the application has"
					+ " no SslBundles; configure it under spring.ssl.bundle");
		}
		SslBundle bundle;
		try {
			bundle = this.bundles.getBundle(this.name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new CredentialUnavailableException(
					"There is no SSL bundle named " + this.name + "; configure it under spring.ssl.bundle");
		}
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			throw new CredentialUnavailableException("SSL bundle " + this.name
					+ " has no key store: give it the certificate and its private key (keystore.* or keystore"
					+ " certificate and private-key)");
		}
		SslBundleKey key = bundle.getKey();
		char[] password = (key.getPassword() != null) ? key.getPassword().toCharArray() : passwordOf(bundle);
		try {
			List<String> aliases = (key.getAlias() != null) ? List.of(key.getAlias())
					: Collections.list(store.aliases());
			for (String alias : aliases) {
				if (store.isKeyEntry(alias)) {
					Key entry = store.getKey(alias, password);
					Certificate[] chain = store.getCertificateChain(alias);
					if (entry instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
						List<X509Certificate> certificates = new ArrayList<>();
						for (Certificate certificate : chain) {
							certificates.add((X509Certificate) certificate);
						}
						return new ClientCertificate(privateKey, certificates);
					}
				}
			}
		}
		catch (GeneralSecurityException ex) {
			// The type only: the message might name a password problem in detail
			throw new CredentialUnavailableException(
					"SSL bundle " + this.name + "'s key cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
		throw new CredentialUnavailableException(
				"SSL bundle " + this.name + " holds no private key with its certificate; give it both");
	}

	private static char[] passwordOf(SslBundle bundle) {
		String password = bundle.getStores().getKeyStorePassword();
		return (password != null) ? password.toCharArray() : new char[0];
	}

	@Override
	public String toString() {
		return "SslBundleCertificates[" + this.name + "]";
	}

}
