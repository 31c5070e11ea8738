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

import java.util.List;
import java.util.stream.Collectors;

import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the {@code identity.*} properties (or {@code AZURE_*} environment
 * variables) are incomplete or invalid: one report of what only Boot can check and of the
 * credential's own {@link InvalidCredentialSettingsException}, translated into property
 * names. Its message and problems name properties and explain them but never contain a
 * secret or a value that failed validation.
 *
 * @author Entra Identity contributors
 */
class InvalidIdentityPropertiesException extends RuntimeException {

	private final List<InvalidIdentityProperty> problems;

	/**
	 * Create the exception.
	 * @param problems every problem, from the Boot side and translated from the
	 * credential's report
	 * @param cause the credential's report, if it found problems
	 */
	InvalidIdentityPropertiesException(List<InvalidIdentityProperty> problems,
			@Nullable InvalidCredentialSettingsException cause) {
		super("Invalid Microsoft Entra ID credential configuration: " + problems.stream()
			.map((problem) -> problem.name() + " " + problem.reason())
			.collect(Collectors.joining("; ")), cause);
		this.problems = List.copyOf(problems);
	}

	List<InvalidIdentityProperty> problems() {
		return this.problems;
	}

	/**
	 * One offending property.
	 *
	 * @param name the property or environment variable name
	 * @param reason why its value (or its absence) is wrong, never containing a secret
	 * @param action what to do about it
	 */
	record InvalidIdentityProperty(String name, String reason, String action) {

	}

}
