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

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the credential reads reflectively or from resources, for Spring AOT and native
 * images: only the resource with the library's version, which goes into the
 * {@code User-Agent} of token requests. Token responses are read as JSON trees and the
 * cache file is written from them, so Jackson needs no reflection on our types.
 * Registered in {@code META-INF/spring/aot.factories}.
 *
 * @author Entra Identity contributors
 */
final class CredentialRuntimeHints implements RuntimeHintsRegistrar {

	static final String VERSION_RESOURCE = "io/github/entraidentity/credential/internal/library.properties";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(VERSION_RESOURCE);
	}

}
