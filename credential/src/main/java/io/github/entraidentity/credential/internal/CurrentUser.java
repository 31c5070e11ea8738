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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;

/**
 * Whether the user running this process owns a file: by numeric user id where the JDK can
 * tell (so a container user without a name still matches), else by name.
 *
 * @author Entra Identity contributors
 */
final class CurrentUser {

	private CurrentUser() {
	}

	/**
	 * Return whether the current user owns the path.
	 * @param path the path
	 * @param attributes its POSIX attributes
	 * @return whether the current user owns it
	 */
	static boolean owns(Path path, PosixFileAttributes attributes) {
		Long uid = uid();
		if (uid != null) {
			try {
				if (Files.getAttribute(path, "unix:uid") instanceof Integer owner) {
					return owner.longValue() == uid;
				}
			}
			catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
				// No unix view: compare names below
			}
		}
		return attributes.owner().getName().equals(System.getProperty("user.name"));
	}

	private static @Nullable Long uid() {
		try {
			return new UnixSystem().getUid();
		}
		catch (LinkageError | RuntimeException ex) {
			// Not a Unix JDK, or a runtime without the jdk.security.auth module
			return null;
		}
	}

}
