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

package io.github.entraidentity.docs;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the files of the documentation checks are: the module's directory, found from
 * {@code target/test-classes}, and the repository root above it.
 *
 * @author Entra Identity contributors
 */
public final class Locations {

	private Locations() {
	}

	/**
	 * Return the directory of the module whose tests run.
	 * @param testClass a class of the module's tests
	 * @return the module directory
	 */
	public static Path moduleDirectory(Class<?> testClass) {
		try {
			// target/test-classes -> module directory
			Path classes = Paths.get(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
			return classes.getParent().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the root of the repository.
	 * @param testClass a class of the module's tests
	 * @return the directory above the module's
	 */
	public static Path repositoryRoot(Class<?> testClass) {
		return moduleDirectory(testClass).getParent();
	}

}
