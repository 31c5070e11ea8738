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

import java.nio.file.Path;
import java.time.Instant;

import io.github.entraidentity.credential.ClientCertificate;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientCertificateSource;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A client certificate read from a PEM or PKCS#12 file, such as a Kubernetes secret
 * volume or the Key Vault CSI driver's mount, and read again when the file changes.
 *
 * @author Entra Identity contributors
 */
public final class FileClientCertificate implements ClientCertificateSource {

	/**
	 * The largest certificate file read: a chain of a few certificates and a key take a
	 * few KiB.
	 */
	static final int MAX_BYTES = 256 * 1024;

	private final WatchedFile<ClientCertificate> file;

	/**
	 * Create a source.
	 * @param file the PEM or PKCS#12 file
	 * @param password the PKCS#12 password, or {@code null}
	 */
	public FileClientCertificate(Path file, @Nullable String password) {
		this.file = new WatchedFile<>(file, "Client certificate file", MAX_BYTES,
				(content) -> checked(CertificateParser.parse(content, password)),
				LogFactory.getLog(ClientCertificateCredential.class));
	}

	// A replaced file whose certificate breaks the rules is not used: the one read last
	// stays in use and a warning says why
	private static ClientCertificate checked(ClientCertificate certificate) {
		CertificateParser.Problem problem = CertificateRules.problem(certificate, Instant.now());
		if (problem != null) {
			throw problem;
		}
		return certificate;
	}

	/**
	 * Read the file for the builder's check.
	 * @return the certificate
	 * @throws IllegalArgumentException with a reason phrased to follow the setting's name
	 */
	public ClientCertificate read() {
		return this.file.read();
	}

	@Override
	public ClientCertificate certificate() {
		return this.file.current();
	}

	@Override
	public ClientCertificate reread() {
		return this.file.reread();
	}

	@Override
	public String description() {
		return "file " + this.file.file();
	}

	@Override
	public String toString() {
		return "FileClientCertificate[" + this.file.file() + "]";
	}

}
