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
import java.nio.file.Path;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.ClientSecretSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A client secret read from a file, such as a Kubernetes secret volume or the Key Vault
 * CSI driver's mount, by a {@link BoundedFileReader}: on a worker thread, within a time
 * limit, only a regular file (the target of its symbolic links, so a swapped
 * {@code ..data} link shows as another file) of at most
 * {@value BoundedFileReader#SECRET_MAX_BYTES} bytes. Each token request checks the file's
 * attributes and reads it again only when they changed; {@link #reread()} always reads.
 * When the file is missing, empty, unusable or does not answer in time, the secret read
 * last is kept and one warning is logged.
 *
 * @author Entra Identity contributors
 */
public final class FileClientSecret implements ClientSecretSource {

	private static final WatchedFile.Description DESCRIPTION = new WatchedFile.Description("Client secret file",
			"secret", "it must hold the client secret's Value");

	// The credential's category, so that logging settings users already have keep working
	private static final Log logger = LogFactory.getLog(ClientSecretCredential.class);

	private final WatchedFile<String> file;

	/**
	 * Create a source reading the given file.
	 * @param file the file
	 */
	public FileClientSecret(Path file) {
		this(new BoundedFileReader(file, BoundedFileReader.SECRET_MAX_BYTES, BoundedFileReader.DEFAULT_TIMEOUT));
	}

	FileClientSecret(BoundedFileReader reader) {
		this.file = new WatchedFile<>(reader, DESCRIPTION, FileClientSecret::secret, logger);
	}

	/**
	 * Read the file for the builder's check.
	 * @return what is wrong with the file, phrased to follow the setting's name, or
	 * {@code null} when it holds a secret
	 */
	public @Nullable String problem() {
		try {
			this.file.check();
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Read the secret off the calling thread, waiting at most the reader's timeout on the
	 * given scheduler.
	 * @param again whether to read the content even if the file looks unchanged
	 * @param timer the credential's scheduler
	 * @return the secret, or the one read last when the file cannot be used now
	 */
	public Mono<String> read(boolean again, Scheduler timer) {
		return this.file.read(again, timer);
	}

	@Override
	public String secret() {
		return this.file.current();
	}

	@Override
	public String reread() {
		return this.file.reread();
	}

	@Override
	public String description() {
		return "file " + this.file.file();
	}

	private static @Nullable String secret(byte[] content) {
		String secret = new String(content, StandardCharsets.UTF_8).strip();
		return secret.isEmpty() ? null : secret;
	}

	@Override
	public String toString() {
		return "FileClientSecret[" + this.file.file() + "]";
	}

}
