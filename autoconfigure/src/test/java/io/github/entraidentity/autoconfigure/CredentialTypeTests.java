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

package io.github.entraidentity.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CredentialType}.
 *
 * @author Entra Identity contributors
 */
class CredentialTypeTests {

	// Another thread (such as a background preinitializer) or another code path may be
	// the first to touch a type; the test JVM has long initialized them all, so the
	// classes are loaded afresh
	@Test
	void eachTypeMayBeInitializedBeforeTheInterface() throws Exception {
		for (CredentialType type : CredentialType.all()) {
			ClassLoader fresh = new FreshPackageClassLoader(getClass().getClassLoader());
			Class<?> typeClass = Class.forName(type.getClass().getName(), true, fresh);
			Class<?> interfaceClass = Class.forName(CredentialType.class.getName(), true, fresh);
			Method all = interfaceClass.getDeclaredMethod("all");
			// A package-private interface of another class loader's package
			all.setAccessible(true);
			List<?> types = (List<?>) all.invoke(null);
			assertThat(types).as(type.description()).hasSize(CredentialType.all().size()).doesNotContainNull();
			assertThat(types).anyMatch(typeClass::isInstance);
		}
	}

	/**
	 * Defines the classes of this package itself, from the same class files, and leaves
	 * every other class to its parent.
	 */
	private static final class FreshPackageClassLoader extends ClassLoader {

		private static final String PACKAGE = CredentialType.class.getPackageName() + ".";

		FreshPackageClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = define(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

		private Class<?> define(String name) throws ClassNotFoundException {
			try (InputStream classFile = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (classFile == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = classFile.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

	}

}
