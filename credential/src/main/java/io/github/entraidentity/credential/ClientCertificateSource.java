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

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.internal.FileClientCertificate;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link ClientCertificateCredential} gets its certificate from, read before each
 * token request to Entra (never for a cached token), so that a rotated certificate is
 * used without a restart. {@link #file(Path)} reads a PEM or PKCS#12 file such as a
 * Kubernetes secret volume or the Key Vault CSI driver's mount; an application can
 * implement its own, for example following a Spring Boot SSL bundle.
 * <p>
 * Implementations are called concurrently and should be cheap (cache what you read); they
 * must never log or otherwise reveal the private key or a password.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientCertificateSource {

	/**
	 * Return the current certificate.
	 * @return the certificate
	 * @throws RuntimeException when no certificate is available; the token request fails
	 * with it
	 */
	ClientCertificate certificate();

	/**
	 * Read the certificate again, bypassing anything the source caches. The credential
	 * calls it once when Entra rejected an assertion signed with the certificate that
	 * {@link #certificate()} returned, so that a rotation between two checks costs no
	 * failed call.
	 * @return the certificate
	 */
	default ClientCertificate reread() {
		return certificate();
	}

	/**
	 * Describe where the certificate comes from, for health details and log messages;
	 * never a key or a password.
	 * @return the description
	 */
	default String description() {
		return getClass().getSimpleName();
	}

	/**
	 * Return a source that reads a PEM file holding the certificate (chain) and its
	 * private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}). The
	 * file is read again when it is replaced (including by a Kubernetes-style symlink
	 * swap) or changed; when it disappears or becomes unreadable later, the certificate
	 * read last is kept and one warning is logged.
	 * @param file the file
	 * @return the source
	 */
	static ClientCertificateSource file(Path file) {
		return new FileClientCertificate(Objects.requireNonNull(file, "file must not be null"), null);
	}

	/**
	 * Return a source that reads a PKCS#12 file protected by the given password, or a PEM
	 * file when the password is {@code null}. Read again when replaced, as
	 * {@link #file(Path)}.
	 * @param file the file
	 * @param password the PKCS#12 password, or {@code null}
	 * @return the source
	 */
	static ClientCertificateSource file(Path file, @Nullable String password) {
		return new FileClientCertificate(Objects.requireNonNull(file, "file must not be null"), password);
	}

	/**
	 * Return a source of a fixed certificate.
	 * @param privateKey the private key
	 * @param chain the certificate chain, leaf first
	 * @return the source
	 */
	static ClientCertificateSource of(PrivateKey privateKey, List<X509Certificate> chain) {
		ClientCertificate certificate = new ClientCertificate(privateKey, chain);
		return new ClientCertificateSource() {

			@Override
			public ClientCertificate certificate() {
				return certificate;
			}

			@Override
			public String description() {
				return "configured certificate";
			}

		};
	}

}
