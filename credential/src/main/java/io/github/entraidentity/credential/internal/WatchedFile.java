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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.internal.BoundedFileReader.Snapshot;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A file that holds a credential's proof (a client secret, a certificate, a federated
 * token), read with {@link BoundedFileReader}'s rule and again only when it changed. When
 * the file later disappears, stops parsing, or does not answer in time, the value read
 * last is kept and one warning is logged; a file readable by other users is warned about
 * once.
 *
 * @param <T> what the file holds
 * @author Entra Identity contributors
 */
public final class WatchedFile<T> {

	private final BoundedFileReader reader;

	private final Description description;

	private final Function<byte[], @Nullable T> parser;

	private final Log logger;

	private final AtomicBoolean warned = new AtomicBoolean();

	private final AtomicBoolean warnedPermissions = new AtomicBoolean();

	private volatile @Nullable State<T> state;

	/**
	 * Watch a file.
	 * @param reader reads the file
	 * @param description how messages name the file and what it holds
	 * @param parser reads the content: returns {@code null} when it holds nothing, throws
	 * an {@link IllegalArgumentException} whose message follows the file's name when it
	 * holds something unusable
	 * @param logger where a file that became unusable is reported
	 */
	public WatchedFile(BoundedFileReader reader, Description description, Function<byte[], @Nullable T> parser,
			Log logger) {
		this.reader = reader;
		this.description = description;
		this.parser = parser;
		this.logger = logger;
	}

	/**
	 * Return the file.
	 * @return the file
	 */
	public Path file() {
		return this.reader.file();
	}

	/**
	 * Read the file now, as a builder's check does, waiting at most the reader's timeout.
	 * @return the value
	 * @throws IllegalArgumentException with a reason phrased to follow the setting's name
	 */
	public T check() {
		Path file = file();
		Snapshot snapshot;
		try {
			snapshot = this.reader.read(null, true, Schedulers.parallel()).toFuture().get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof NoSuchFileException) {
				throw new IllegalArgumentException("names a file that does not exist, " + file);
			}
			if (cause instanceof BoundedFileReader.UnsuitableFileException) {
				throw new IllegalArgumentException("names " + file + ", which cannot be used: " + cause.getMessage());
			}
			throw new IllegalArgumentException(
					"names a file that cannot be read, " + file + " (" + cause.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalArgumentException("names a file that was not read, " + file + " (interrupted)");
		}
		T value = accept(snapshot);
		if (value == null) {
			throw new IllegalArgumentException("names an empty file, " + file);
		}
		return value;
	}

	/**
	 * Read the value off the calling thread, waiting at most the reader's timeout on the
	 * given scheduler.
	 * @param again whether to read the content even if the file looks unchanged
	 * @param timer the credential's scheduler
	 * @return the value, or the one read last when the file cannot be used now
	 */
	public Mono<T> read(boolean again, Scheduler timer) {
		return Mono.defer(() -> {
			State<T> current = this.state;
			return this.reader.read((current != null) ? current.snapshot() : null, again, timer)
				.map((snapshot) -> (current != null && snapshot == current.snapshot()) ? current.value()
						: orLast(snapshot))
				.onErrorResume((ex) -> ex instanceof IOException || ex instanceof TimeoutException,
						(ex) -> Mono.fromSupplier(() -> last(why(ex))));
		});
	}

	/**
	 * Return the value read last, without reading.
	 * @return the value, or {@code null} before the first successful read
	 */
	public @Nullable T last() {
		State<T> last = this.state;
		return (last != null) ? last.value() : null;
	}

	/**
	 * Return the value, reading the file again only when it changed, waiting on the
	 * calling thread: for the synchronous source interfaces.
	 * @return the value, or the one read last
	 */
	public T current() {
		return read(false, Schedulers.parallel()).block();
	}

	/**
	 * Read the file again, whatever its attributes say, waiting on the calling thread.
	 * @return the value, or the one read last
	 */
	public T reread() {
		return read(true, Schedulers.parallel()).block();
	}

	private T orLast(Snapshot snapshot) {
		try {
			T value = accept(snapshot);
			return (value != null) ? value : last("is empty");
		}
		catch (IllegalArgumentException ex) {
			return last(ex.getMessage());
		}
	}

	private @Nullable T accept(Snapshot snapshot) {
		T value = this.parser.apply(snapshot.content());
		if (value == null) {
			return null;
		}
		this.state = new State<>(value, snapshot);
		if (this.warned.compareAndSet(true, false)) {
			this.logger.info(this.description.name() + " " + file() + " is readable again");
		}
		String permissions = snapshot.readableByOthers();
		if (permissions != null && this.warnedPermissions.compareAndSet(false, true)) {
			// A warning, not a refusal: Kubernetes mounts secrets as rw-r--r-- by default
			this.logger.warn(this.description.name() + " " + file() + " is readable by other users (permissions "
					+ permissions + "); make it readable by the application's user only, for example with"
					+ " defaultMode: 0400 on a Kubernetes secret volume");
		}
		return value;
	}

	private T last(String why) {
		State<T> last = this.state;
		Path file = file();
		if (last == null) {
			throw new CredentialUnavailableException(
					this.description.name() + " " + file + " " + why + "; " + this.description.requirement());
		}
		if (this.warned.compareAndSet(false, true)) {
			this.logger.warn(this.description.name() + " " + file + " " + why + "; the credential keeps using the "
					+ this.description.value() + " it read last until the file holds a " + this.description.value()
					+ " again");
		}
		return last.value();
	}

	private static String why(Throwable failure) {
		if (failure instanceof NoSuchFileException) {
			return "does not exist";
		}
		if (failure instanceof TimeoutException) {
			return "did not answer in time (" + failure.getMessage() + ")";
		}
		if (failure instanceof BoundedFileReader.UnsuitableFileException) {
			return "cannot be used: " + failure.getMessage();
		}
		return "cannot be read (" + failure.getClass().getSimpleName() + ")";
	}

	@Override
	public String toString() {
		return "WatchedFile[" + file() + "]";
	}

	/**
	 * How messages speak of a watched file.
	 *
	 * @param name what the file is, such as {@code Client secret file}
	 * @param value what it holds, such as {@code secret}
	 * @param requirement what the file must hold, for a file that never did
	 */
	public record Description(String name, String value, String requirement) {

	}

	private record State<T>(T value, Snapshot snapshot) {

		@Override
		public String toString() {
			return "State[***]";
		}

	}

}
