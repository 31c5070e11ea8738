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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A client certificate read from a PEM or PKCS#12 file, such as a Kubernetes secret
 * volume or the Key Vault CSI driver's mount, and read again when the file changes.
 *
 * @author Entra Identity contributors
 */
public final class FileClientCertificate implements ClientCertificateSource {

	private static final WatchedFile.Description DESCRIPTION = new WatchedFile.Description("Client certificate file",
			"certificate", "it must hold the certificate registered for the app and its private key");

	private final WatchedFile<ClientCertificate> file;

	/**
	 * Create a source.
	 * @param file the PEM or PKCS#12 file
	 * @param password the PKCS#12 password, or {@code null}
	 */
	public FileClientCertificate(Path file, @Nullable String password) {
		this.file = new WatchedFile<>(
				new BoundedFileReader(file, BoundedFileReader.CERTIFICATE_MAX_BYTES, BoundedFileReader.DEFAULT_TIMEOUT),
				DESCRIPTION, (content) -> checked(CertificateParser.parse(content, password)),
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
		return this.file.check();
	}

	/**
	 * Read the certificate off the calling thread, waiting at most the reader's timeout
	 * on the given scheduler.
	 * @param again whether to read the content even if the file looks unchanged
	 * @param timer the credential's scheduler
	 * @return the certificate, or the one read last when the file cannot be used now
	 */
	public Mono<ClientCertificate> read(boolean again, Scheduler timer) {
		return this.file.read(again, timer);
	}

	/**
	 * Return the certificate read last, without reading: for diagnostics, which may run
	 * on an event loop.
	 * @return the certificate, or {@code null} before the first read
	 */
	public @Nullable ClientCertificate last() {
		return this.file.last();
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
