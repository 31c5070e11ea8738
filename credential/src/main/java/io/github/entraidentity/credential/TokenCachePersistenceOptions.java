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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import org.jspecify.annotations.Nullable;

/**
 * Options for a token cache that survives restarts and is shared by the processes of one
 * host. Tokens are encrypted with AES-256-GCM under a key the application supplies;
 * plaintext storage needs {@link Builder#allowUnencryptedStorage(boolean)}. The client
 * secret is never stored.
 * <p>
 * Tokens live in {@code <name>.<key fingerprint>.nocae} and {@code .cae} under the
 * directory ({@code <name>.nocae} and {@code <name>.cae} without a key), readable by the
 * owner only where the file system has POSIX permissions. Each key has its own files, so
 * credentials with different keys never overwrite each other's tokens. Credentials with
 * the same name, key, authority, client id, tenant and scopes share tokens. A file that
 * cannot be read (damaged) is treated as empty and replaced by the next token. Where
 * POSIX permissions exist the directory must be owned by the current user and writable by
 * no one else, or it is not used. {@link Builder#build()} refuses a name that is not a
 * plain file name, a key that is not 32 bytes, and both an {@code encryptionKey} and an
 * {@code encryptionKeyFile}; a credential given options without a key and without
 * {@code allowUnencryptedStorage}, with a key file that does not hold a key, or with
 * plaintext storage in a directory that fails the checks above, fails when it is built.
 * Both report {@link InvalidCredentialSettingsException}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class TokenCachePersistenceOptions {

	/**
	 * Default cache name, as in Microsoft's libraries.
	 */
	public static final String DEFAULT_NAME = "msal.cache";

	/**
	 * Prefix of these options' settings in reports, their name on the credential's
	 * builder.
	 */
	public static final String SETTING = "cachePersistenceOptions.";

	/**
	 * What to do about a missing or unusable key.
	 */
	static final String KEY_ACTION = "Use 32 random bytes, for example the base64 output of 'openssl rand -base64 32'.";

	/**
	 * How many bytes the encryption key has: 256 bits.
	 */
	public static final int KEY_BYTES = 32;

	private final String name;

	private final boolean allowUnencryptedStorage;

	private final Path directory;

	private final byte @Nullable [] encryptionKey;

	private final @Nullable Path encryptionKeyFile;

	private TokenCachePersistenceOptions(Builder builder) {
		this.name = builder.name;
		this.allowUnencryptedStorage = builder.allowUnencryptedStorage;
		this.directory = (builder.directory != null) ? builder.directory : defaultDirectory();
		this.encryptionKey = (builder.encryptionKey != null) ? builder.encryptionKey.clone() : null;
		this.encryptionKeyFile = builder.encryptionKeyFile;
	}

	private static Path defaultDirectory() {
		return Paths.get(System.getProperty("user.home"), ".IdentityService");
	}

	/**
	 * Return options with the default name and directory, which need an encryption key or
	 * {@code allowUnencryptedStorage} before a credential accepts them.
	 * @return default options
	 */
	public static TokenCachePersistenceOptions defaults() {
		return builder().build();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the cache name; files are named after it with a {@code .cae} or
	 * {@code .nocae} suffix.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return whether tokens may be stored unencrypted when no key is configured.
	 * @return whether unencrypted storage is allowed
	 */
	public boolean allowUnencryptedStorage() {
		return this.allowUnencryptedStorage;
	}

	/**
	 * Return the directory holding the cache files.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return a copy of the AES-256 key, if one was given as bytes.
	 * @return the key or {@code null}
	 */
	public byte @Nullable [] encryptionKey() {
		return (this.encryptionKey != null) ? this.encryptionKey.clone() : null;
	}

	/**
	 * Return the file holding the AES-256 key, if one was given.
	 * @return the key file or {@code null}
	 */
	public @Nullable Path encryptionKeyFile() {
		return this.encryptionKeyFile;
	}

	@Override
	public String toString() {
		return "TokenCachePersistenceOptions[name=" + this.name + ", directory=" + this.directory
				+ ", allowUnencryptedStorage=" + this.allowUnencryptedStorage + ", encryptionKey="
				+ ((this.encryptionKey != null) ? "***" : "none") + ", encryptionKeyFile=" + this.encryptionKeyFile
				+ "]";
	}

	/**
	 * Builder for {@link TokenCachePersistenceOptions}.
	 */
	public static final class Builder {

		private String name = DEFAULT_NAME;

		private boolean allowUnencryptedStorage;

		private @Nullable Path directory;

		private byte @Nullable [] encryptionKey;

		private @Nullable Path encryptionKeyFile;

		private Builder() {
		}

		/**
		 * Set the cache name. Credentials that share a name share their tokens.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name must not be null");
			return this;
		}

		/**
		 * Set whether tokens may be stored as owner-readable plaintext when no encryption
		 * key is configured.
		 * @param allowUnencryptedStorage whether unencrypted storage is allowed
		 * @return this builder
		 */
		public Builder allowUnencryptedStorage(boolean allowUnencryptedStorage) {
			this.allowUnencryptedStorage = allowUnencryptedStorage;
			return this;
		}

		/**
		 * Set the directory holding the cache files, {@code ~/.IdentityService} by
		 * default.
		 * @param directory the directory
		 * @return this builder
		 */
		public Builder directory(Path directory) {
			this.directory = Objects.requireNonNull(directory, "directory must not be null");
			return this;
		}

		/**
		 * Set the 32-byte AES-256 key that encrypts the cache.
		 * @param encryptionKey the key
		 * @return this builder
		 */
		public Builder encryptionKey(byte[] encryptionKey) {
			Objects.requireNonNull(encryptionKey, "encryptionKey must not be null");
			this.encryptionKey = encryptionKey.clone();
			return this;
		}

		/**
		 * Set a file holding the AES-256 key, either 32 raw bytes or their base64 form
		 * (for example from {@code openssl rand -base64 32}). The file is read when the
		 * credential is built.
		 * @param encryptionKeyFile the key file
		 * @return this builder
		 */
		public Builder encryptionKeyFile(Path encryptionKeyFile) {
			this.encryptionKeyFile = Objects.requireNonNull(encryptionKeyFile, "encryptionKeyFile must not be null");
			return this;
		}

		/**
		 * Build the options, checking every setting.
		 * @return the options
		 * @throws InvalidCredentialSettingsException with every problem, each naming its
		 * setting as {@code cachePersistenceOptions.<setting>}
		 */
		public TokenCachePersistenceOptions build() {
			List<InvalidSetting> problems = new ArrayList<>();
			if (this.name.isBlank() || this.name.contains("/") || this.name.contains("\\")
					|| this.name.contains("..")) {
				problems.add(new InvalidSetting(SETTING + "name",
						"is not a plain file name: it is blank or contains a path separator or '..'",
						"Use a name without path separators or '..', such as " + DEFAULT_NAME + "."));
			}
			if (this.encryptionKey != null && this.encryptionKey.length != KEY_BYTES) {
				problems.add(new InvalidSetting(SETTING + "encryptionKey",
						"has " + this.encryptionKey.length + " bytes but must have " + KEY_BYTES + " (AES-256)",
						KEY_ACTION));
			}
			if (this.encryptionKey != null && this.encryptionKeyFile != null) {
				problems.add(new InvalidSetting(SETTING + "encryptionKey",
						"is set together with " + SETTING + "encryptionKeyFile",
						"Set only one of " + SETTING + "encryptionKey and " + SETTING + "encryptionKeyFile."));
			}
			if (!problems.isEmpty()) {
				throw new InvalidCredentialSettingsException(problems);
			}
			return new TokenCachePersistenceOptions(this);
		}

		@Override
		public String toString() {
			return "TokenCachePersistenceOptions.Builder[name=" + this.name + "]";
		}

	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof TokenCachePersistenceOptions other)) {
			return false;
		}
		return this.name.equals(other.name) && this.allowUnencryptedStorage == other.allowUnencryptedStorage
				&& this.directory.equals(other.directory) && Arrays.equals(this.encryptionKey, other.encryptionKey)
				&& Objects.equals(this.encryptionKeyFile, other.encryptionKeyFile);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.allowUnencryptedStorage, this.directory, this.encryptionKeyFile);
	}

}
