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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.ClientSecretSource;
import io.github.entraidentity.credential.CredentialUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A client secret read from a file, such as a Kubernetes secret volume or the Key Vault
 * CSI driver's mount. Each token request checks the file's attributes (following
 * symlinks, so a swapped {@code ..data} link shows as another file) and reads it again
 * only when they changed; {@link #reread()} always reads.
 *
 * @author Entra Identity contributors
 */
public final class FileClientSecret implements ClientSecretSource {

	// The credential's category, so that logging settings users already have keep working
	private static final Log logger = LogFactory.getLog(ClientSecretCredential.class);

	private final Path file;

	private final AtomicBoolean warned = new AtomicBoolean();

	private volatile @Nullable State state;

	public FileClientSecret(Path file) {
		this.file = file;
	}

	/**
	 * Read the file for the builder's check.
	 * @return what is wrong with the file, phrased to follow the setting's name, or
	 * {@code null} when it holds a secret
	 */
	public @Nullable String problem() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return "names " + this.file + ", which is not a file";
			}
			return (read(attributes) != null) ? null : "names an empty file, " + this.file;
		}
		catch (NoSuchFileException ex) {
			return "names a file that does not exist, " + this.file;
		}
		catch (IOException ex) {
			return "names a file that cannot be read, " + this.file + " (" + ex.getClass().getSimpleName() + ")";
		}
	}

	@Override
	public String secret() {
		State current = this.state;
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			if (current != null && current.matches(attributes)) {
				return current.secret();
			}
			return orLast(read(attributes), null);
		}
		catch (IOException ex) {
			return orLast(null, ex);
		}
	}

	@Override
	public String reread() {
		try {
			return orLast(read(Files.readAttributes(this.file, BasicFileAttributes.class)), null);
		}
		catch (IOException ex) {
			return orLast(null, ex);
		}
	}

	@Override
	public String description() {
		return "file " + this.file;
	}

	private @Nullable String read(BasicFileAttributes attributes) throws IOException {
		String secret = Files.readString(this.file, StandardCharsets.UTF_8).strip();
		if (secret.isEmpty()) {
			return null;
		}
		this.state = new State(secret, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
		if (this.warned.compareAndSet(true, false)) {
			logger.info("Client secret file " + this.file + " is readable again");
		}
		return secret;
	}

	private String orLast(@Nullable String secret, @Nullable IOException failure) {
		if (secret != null) {
			return secret;
		}
		State last = this.state;
		String why = (failure == null) ? "is empty" : (failure instanceof NoSuchFileException) ? "does not exist"
				: "cannot be read (" + failure.getClass().getSimpleName() + ")";
		if (last == null) {
			throw new CredentialUnavailableException(
					"Client secret file " + this.file + " " + why + "; it must hold the client secret's Value");
		}
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("Client secret file " + this.file + " " + why
					+ "; the credential keeps using the secret it read last until the file holds a secret again");
		}
		return last.secret();
	}

	@Override
	public String toString() {
		return "FileClientSecret[" + this.file + "]";
	}

	private record State(String secret, @Nullable Object fileKey, FileTime modified, long size) {

		boolean matches(BasicFileAttributes attributes) {
			return Objects.equals(this.fileKey, attributes.fileKey())
					&& this.modified.equals(attributes.lastModifiedTime()) && this.size == attributes.size();
		}

		@Override
		public String toString() {
			return "State[***]";
		}

	}

}
