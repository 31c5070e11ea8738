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

package io.github.entraidentity.credential;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown by {@link ClientSecretCredential.Builder#build()} (and
 * {@link TokenCachePersistenceOptions.Builder#build()}) with every problem of a
 * configuration at once, each naming the builder setting, what is wrong and what to do.
 * Problems never contain the value of a secret or key, nor a value that failed validation
 * in full, so a secret configured in the wrong place is not revealed.
 * <p>
 * Frameworks translate {@link InvalidSetting#setting() setting names} into their own
 * property names; the Spring Boot auto-configuration reports them as {@code identity.*}
 * properties or {@code AZURE_*} environment variables.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class InvalidCredentialSettingsException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** Every problem found, in the order of the builder's settings. */
	private final List<InvalidSetting> problems;

	/**
	 * Create an exception for the given problems.
	 * @param problems the problems, at least one
	 */
	public InvalidCredentialSettingsException(List<InvalidSetting> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Create an exception with one problem.
	 * @param setting the setting, as its builder method names it
	 * @param reason what is wrong, never the value
	 * @param action how to fix it
	 * @return the exception
	 */
	public static InvalidCredentialSettingsException of(String setting, String reason, String action) {
		return new InvalidCredentialSettingsException(List.of(new InvalidSetting(setting, reason, action)));
	}

	/**
	 * Return every problem, in the order of the builder's settings.
	 * @return the problems
	 */
	public List<InvalidSetting> problems() {
		return this.problems;
	}

	private static String message(List<InvalidSetting> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("problems must not be empty");
		}
		return "Invalid credential settings: "
				+ problems.stream().map(InvalidSetting::toString).collect(Collectors.joining("; "));
	}

	/**
	 * One invalid (or missing) setting.
	 *
	 * @param setting the builder's name of the setting, such as {@code tenantId},
	 * {@code maxRetries} or {@code cachePersistenceOptions.encryptionKey}
	 * @param reason what is wrong, phrased to follow the setting's name; never the value
	 * of a secret or the failed value itself
	 * @param action what to do about it; may name other settings by their builder names
	 */
	public record InvalidSetting(String setting, String reason, String action) {

		/**
		 * Create a problem.
		 * @param setting the builder's name of the setting
		 * @param reason what is wrong
		 * @param action what to do
		 */
		public InvalidSetting {
			Objects.requireNonNull(setting, "setting must not be null");
			Objects.requireNonNull(reason, "reason must not be null");
			Objects.requireNonNull(action, "action must not be null");
		}

		@Override
		public String toString() {
			return this.setting + " " + this.reason + ". " + this.action;
		}

	}

}
