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
import java.util.Objects;

import io.github.entraidentity.credential.internal.FileClientSecret;
import io.github.entraidentity.credential.internal.FixedClientSecret;

/**
 * Where the credential gets a client secret from, read on demand: before each token
 * request to Entra (never for a cached token), so that a rotated secret is used without a
 * restart. {@link #file(Path)} reads a file such as a Kubernetes secret volume; an
 * application can implement its own, for example reading a secret store's local cache.
 * <p>
 * Implementations are called concurrently and should be cheap; they must never log or
 * otherwise reveal the secret.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 * @see ClientSecretCredential.Builder#clientSecretSources(java.util.List)
 */
@FunctionalInterface
public interface ClientSecretSource {

	/**
	 * Return the current secret, surrounding white space is ignored.
	 * @return the secret, never {@code null} or blank
	 * @throws RuntimeException when no secret is available; the token request fails with
	 * it
	 */
	String secret();

	/**
	 * Read the secret again, bypassing anything the source caches. The credential calls
	 * it once when Entra rejected the secret that {@link #secret()} returned, so that a
	 * rotation between two checks costs no failed call.
	 * @return the secret, never {@code null} or blank
	 */
	default String reread() {
		return secret();
	}

	/**
	 * Describe where the secret comes from, for health details and log messages; never
	 * the secret itself.
	 * @return the description
	 */
	default String description() {
		return getClass().getSimpleName();
	}

	/**
	 * Return a source that reads the secret from a file: its content, trimmed. The file
	 * is read again when it is replaced (including by a Kubernetes-style symlink swap) or
	 * changed. Only a regular file of at most 16 KiB is read (the target of a symbolic
	 * link), on a thread of the credential's, never the caller's, within 2 seconds; when
	 * it disappears, becomes empty or unusable (a FIFO, a device, a huge file) or does
	 * not answer in time, the secret read last is kept and one warning is logged. A file
	 * that other users can read is warned about once.
	 * @param file the file
	 * @return the source
	 */
	static ClientSecretSource file(Path file) {
		return new FileClientSecret(Objects.requireNonNull(file, "file must not be null"));
	}

	/**
	 * Return a source of a fixed secret.
	 * @param secret the secret
	 * @return the source
	 */
	static ClientSecretSource of(String secret) {
		return new FixedClientSecret(Objects.requireNonNull(secret, "secret must not be null"));
	}

}
