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
 * variables) are incomplete, invalid or unknown: one report of what only Boot can check
 * and of the credential's own {@link InvalidCredentialSettingsException}, translated into
 * property names, for every credential, HTTP service group and cache of the application.
 * Its message and problems name properties and explain them but never contain a secret or
 * a value that failed validation.
 *
 * @author Entra Identity contributors
 */
class InvalidIdentityPropertiesException extends RuntimeException {

	private final List<InvalidIdentityProperty> problems;

	/**
	 * Create the exception.
	 * @param problems every problem, from the Boot side and translated from the
	 * credential's report
	 * @param cause the credential's report, or another exception that found problems
	 */
	InvalidIdentityPropertiesException(List<InvalidIdentityProperty> problems, @Nullable Throwable cause) {
		super("Invalid Microsoft Entra ID configuration: " + problems.stream()
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
	 * @param concern what the property configures
	 */
	record InvalidIdentityProperty(String name, String reason, String action, Concern concern) {

		/**
		 * Create a problem of the property with the given name, concerning what its name
		 * says.
		 * @param name the property or environment variable name
		 * @param reason why its value (or its absence) is wrong, never containing a
		 * secret
		 * @param action what to do about it
		 */
		InvalidIdentityProperty(String name, String reason, String action) {
			this(name, reason, action, Concern.of(name));
		}

	}

	/**
	 * What an offending property configures, for a report whose heading and advice fit
	 * its problems.
	 */
	enum Concern {

		/**
		 * A credential: {@code identity.*}, {@code identity.credentials.<name>.*} or an
		 * {@code AZURE_*} environment variable.
		 */
		CREDENTIAL,

		/**
		 * The bearer tokens of HTTP service groups: {@code identity.service-clients.*},
		 * and the groups' own {@code spring.http.serviceclient.*} where a token needs
		 * them.
		 */
		SERVICE_CLIENT,

		/**
		 * The token cache shared by a fleet: {@code identity.cache.redis.*}.
		 */
		SHARED_CACHE,

		/**
		 * A property under {@code identity.*} that no part of the starter knows.
		 */
		UNKNOWN_PROPERTY;

		/**
		 * Return what a known property configures, by its name.
		 * @param name the property or environment variable name
		 * @return the concern
		 */
		static Concern of(String name) {
			if (name.startsWith(ServiceClientTokens.PROPERTY + ".")
					|| name.startsWith(ServiceClientRedirects.GROUP_PROPERTY)) {
				return SERVICE_CLIENT;
			}
			if (name.startsWith(CredentialSettingSources.REDIS_PREFIX)) {
				return SHARED_CACHE;
			}
			return CREDENTIAL;
		}

	}

}
