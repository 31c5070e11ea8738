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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.ClientSecretSource;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.internal.BoundedFileReader.Snapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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

	// The credential's category, so that logging settings users already have keep working
	private static final Log logger = LogFactory.getLog(ClientSecretCredential.class);

	private final BoundedFileReader reader;

	private final AtomicBoolean warned = new AtomicBoolean();

	private final AtomicBoolean warnedPermissions = new AtomicBoolean();

	private volatile @Nullable State state;

	public FileClientSecret(Path file) {
		this(new BoundedFileReader(file, BoundedFileReader.SECRET_MAX_BYTES, BoundedFileReader.DEFAULT_TIMEOUT));
	}

	FileClientSecret(BoundedFileReader reader) {
		this.reader = reader;
	}

	/**
	 * Read the file for the builder's check.
	 * @return what is wrong with the file, phrased to follow the setting's name, or
	 * {@code null} when it holds a secret
	 */
	public @Nullable String problem() {
		Path file = this.reader.file();
		try {
			Snapshot snapshot = this.reader.read(null, true, Schedulers.parallel()).toFuture().get();
			return (accept(snapshot) != null) ? null : "names an empty file, " + file;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof NoSuchFileException) {
				return "names a file that does not exist, " + file;
			}
			if (cause instanceof BoundedFileReader.UnsuitableFileException) {
				return "names " + file + ", which cannot be used: " + cause.getMessage();
			}
			return "names a file that cannot be read, " + file + " (" + describe(cause) + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "names a file that was not read, " + file + " (interrupted)";
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
		return Mono.defer(() -> {
			State current = this.state;
			return this.reader.read((current != null) ? current.snapshot() : null, again, timer)
				.map((snapshot) -> (current != null && snapshot == current.snapshot()) ? current.secret()
						: orLast(accept(snapshot), null))
				.onErrorResume((ex) -> (ex instanceof IOException || ex instanceof TimeoutException),
						(ex) -> Mono.fromSupplier(() -> orLast(null, ex)));
		});
	}

	@Override
	public String secret() {
		return read(false, Schedulers.parallel()).block();
	}

	@Override
	public String reread() {
		return read(true, Schedulers.parallel()).block();
	}

	@Override
	public String description() {
		return "file " + this.reader.file();
	}

	private @Nullable String accept(Snapshot snapshot) {
		String secret = new String(snapshot.content(), StandardCharsets.UTF_8).strip();
		if (secret.isEmpty()) {
			return null;
		}
		this.state = new State(secret, snapshot);
		if (this.warned.compareAndSet(true, false)) {
			logger.info("Client secret file " + this.reader.file() + " is readable again");
		}
		String permissions = snapshot.readableByOthers();
		if (permissions != null && this.warnedPermissions.compareAndSet(false, true)) {
			// A warning, not a refusal: Kubernetes mounts secrets as rw-r--r-- by default
			logger.warn("Client secret file " + this.reader.file() + " is readable by other users (permissions "
					+ permissions + "); make it readable by the application's user only, for example with"
					+ " defaultMode: 0400 on a Kubernetes secret volume");
		}
		return secret;
	}

	private String orLast(@Nullable String secret, @Nullable Throwable failure) {
		if (secret != null) {
			return secret;
		}
		State last = this.state;
		String why = (failure == null) ? "is empty" : (failure instanceof NoSuchFileException) ? "does not exist"
				: (failure instanceof TimeoutException) ? "did not answer in time (" + failure.getMessage() + ")"
						: (failure instanceof BoundedFileReader.UnsuitableFileException)
								? "cannot be used: " + failure.getMessage()
								: "cannot be read (" + describe(failure) + ")";
		Path file = this.reader.file();
		if (last == null) {
			throw new CredentialUnavailableException(
					"Client secret file " + file + " " + why + "; it must hold the client secret's Value");
		}
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("Client secret file " + file + " " + why
					+ "; the credential keeps using the secret it read last until the file holds a secret again");
		}
		return last.secret();
	}

	private static String describe(Throwable failure) {
		return failure.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "FileClientSecret[" + this.reader.file() + "]";
	}

	private record State(String secret, Snapshot snapshot) {

		@Override
		public String toString() {
			return "State[***]";
		}

	}

}
