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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.entraidentity.credential.CredentialUnavailableException;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A file that holds a credential's proof, such as a certificate, read again only when it
 * changed: each use checks the file's attributes (following symlinks, so a swapped
 * Kubernetes {@code ..data} link shows as another file). When the file disappears or
 * stops parsing later, the value read last is kept and one warning is logged.
 *
 * @param <T> what the file holds
 * @author Entra Identity contributors
 */
public final class WatchedFile<T> {

	private final Path file;

	private final String name;

	private final int maxBytes;

	private final Function<byte[], T> parser;

	private final Log logger;

	private final AtomicBoolean warned = new AtomicBoolean();

	private volatile @Nullable State<T> state;

	/**
	 * Watch a file.
	 * @param file the file
	 * @param name what the file is, for messages, such as {@code Client certificate file}
	 * @param maxBytes the largest file read
	 * @param parser reads the content; throws an {@link IllegalArgumentException} whose
	 * message follows the file's name when the content is not usable
	 * @param logger where a file that became unusable is reported
	 */
	public WatchedFile(Path file, String name, int maxBytes, Function<byte[], T> parser, Log logger) {
		this.file = file;
		this.name = name;
		this.maxBytes = maxBytes;
		this.parser = parser;
		this.logger = logger;
	}

	/**
	 * Return the file.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Read the file now, as a builder's check does.
	 * @return the value
	 * @throws IllegalArgumentException with a reason phrased to follow the setting's name
	 */
	public T read() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new IllegalArgumentException("names " + this.file + ", which is not a file");
			}
			return load(attributes);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException("names a file that does not exist, " + this.file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(
					"names a file that cannot be read, " + this.file + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * Return the value, reading the file again only when it changed.
	 * @return the value, or the one read last when the file became unusable
	 */
	public T current() {
		State<T> current = this.state;
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			if (current != null && current.matches(attributes)) {
				return current.value();
			}
			return loadOrLast(attributes);
		}
		catch (IOException ex) {
			return last(ex.getClass().getSimpleName(), ex instanceof NoSuchFileException);
		}
	}

	/**
	 * Read the file again, whatever its attributes say.
	 * @return the value, or the one read last when the file became unusable
	 */
	public T reread() {
		try {
			return loadOrLast(Files.readAttributes(this.file, BasicFileAttributes.class));
		}
		catch (IOException ex) {
			return last(ex.getClass().getSimpleName(), ex instanceof NoSuchFileException);
		}
	}

	private T loadOrLast(BasicFileAttributes attributes) {
		try {
			return load(attributes);
		}
		catch (IllegalArgumentException | IOException ex) {
			return last(ex.getMessage(), false);
		}
	}

	private T load(BasicFileAttributes attributes) throws IOException {
		if (!attributes.isRegularFile()) {
			throw new IllegalArgumentException("is not a regular file");
		}
		if (attributes.size() > this.maxBytes) {
			throw new IllegalArgumentException("is larger than " + this.maxBytes + " bytes");
		}
		byte[] content;
		try (InputStream in = Files.newInputStream(this.file)) {
			// Bounded, whatever the size the attributes claimed
			content = in.readNBytes(this.maxBytes + 1);
		}
		if (content.length > this.maxBytes) {
			throw new IllegalArgumentException("is larger than " + this.maxBytes + " bytes");
		}
		T value = this.parser.apply(content);
		this.state = new State<>(value, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
		if (this.warned.compareAndSet(true, false)) {
			this.logger.info(this.name + " " + this.file + " is usable again");
		}
		return value;
	}

	private T last(@Nullable String why, boolean missing) {
		State<T> last = this.state;
		String reason = missing ? "does not exist" : "cannot be used (" + why + ")";
		if (last == null) {
			throw new CredentialUnavailableException(this.name + " " + this.file + " " + reason);
		}
		if (this.warned.compareAndSet(false, true)) {
			this.logger.warn(this.name + " " + this.file + " " + reason
					+ "; the credential keeps using what it read last until the file is usable again");
		}
		return last.value();
	}

	@Override
	public String toString() {
		return "WatchedFile[" + this.file + "]";
	}

	private record State<T>(T value, @Nullable Object fileKey, FileTime modified, long size) {

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
