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

package io.github.entraidentity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A secret volume laid out and updated as the kubelet does: the file the application
 * reads, {@code client-secret}, links to {@code ..data/client-secret}, and {@code ..data}
 * links to a timestamped directory; an update writes a new timestamped directory and
 * replaces the {@code ..data} link atomically by renaming a new link over it.
 *
 * @author Entra Identity contributors
 */
public final class KubernetesSecretVolume {

	private static final String KEY = "client-secret";

	private final Path directory;

	private final Path file;

	private int version;

	private KubernetesSecretVolume(Path directory, Path file) {
		this.directory = directory;
		this.file = file;
	}

	/**
	 * Lay out a volume holding one secret, followed by a line break as {@code kubectl}
	 * writes it.
	 * @param directory an empty directory, such as a {@code @TempDir}
	 * @param secret the first secret
	 * @return the volume
	 */
	public static KubernetesSecretVolume create(Path directory, String secret) {
		try {
			Path version = write(directory, "..2026_11_29_v0", secret);
			Files.createSymbolicLink(directory.resolve("..data"), version.getFileName());
			Path file = Files.createSymbolicLink(directory.resolve(KEY), Path.of("..data", KEY));
			return new KubernetesSecretVolume(directory, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the path the application reads, a symbolic link.
	 * @return the secret file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Replace the secret as the kubelet does, by a symlink swap.
	 * @param secret the new secret
	 */
	public void swap(String secret) {
		try {
			Path version = write(this.directory, "..2026_11_29_v" + (++this.version), secret);
			Path link = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), version.getFileName());
			Files.move(link, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path directory, String name, String secret) throws IOException {
		Path version = Files.createDirectory(directory.resolve(name));
		Files.writeString(version.resolve(KEY), secret + "\n");
		return version;
	}

}
