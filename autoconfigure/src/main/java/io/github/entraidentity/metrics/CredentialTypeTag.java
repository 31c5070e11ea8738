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

package io.github.entraidentity.metrics;

import java.util.Locale;
import java.util.Objects;

import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;

/**
 * The {@code credential.type} tag that every identity meter of a credential carries next
 * to its {@code credential} name, so that dashboards and alerts can tell certificate
 * credentials from secret ones. Its value is derived from the credential's class by one
 * rule: a credential class of this library, {@code <Type>Credential}, gives
 * {@code <Type>} in snake case ({@code ClientSecretCredential} is {@code client_secret},
 * {@code ClientCertificateCredential} {@code client_certificate},
 * {@code ClientAssertionCredential} {@code client_assertion},
 * {@code WorkloadIdentityCredential} {@code workload_identity},
 * {@code ManagedIdentityCredential} {@code managed_identity}, and so on for credential
 * types added later); any other {@link EntraCredential} implementation, such as an
 * application's own class or a test's lambda, is {@value #CUSTOM}, so that the values
 * stay few and stable whatever the class is called.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class CredentialTypeTag {

	/**
	 * Name of the tag.
	 */
	public static final String KEY = "credential.type";

	/**
	 * Value of the tag for an {@link EntraCredential} implementation that is not one of
	 * this library's credentials.
	 */
	public static final String CUSTOM = "custom";

	/**
	 * Value of the tag for a meter bound while its credential was not there to look at.
	 */
	public static final String UNKNOWN = "unknown";

	private static final String LIBRARY_PACKAGE = EntraCredential.class.getPackageName();

	private static final String SUFFIX = "Credential";

	private CredentialTypeTag() {
	}

	/**
	 * Return the tag's value for a credential class.
	 * @param credentialType the credential class, such as
	 * {@code ClientSecretCredential.class}
	 * @return the value, such as {@code client_secret}
	 */
	public static String valueFor(Class<? extends EntraCredential> credentialType) {
		Objects.requireNonNull(credentialType, "credentialType must not be null");
		String name = credentialType.getSimpleName();
		boolean library = credentialType.getPackageName().equals(LIBRARY_PACKAGE) && !credentialType.isInterface()
				&& name.endsWith(SUFFIX) && name.length() > SUFFIX.length();
		return library ? snakeCase(name.substring(0, name.length() - SUFFIX.length())) : CUSTOM;
	}

	/**
	 * Return the tag's value for a credential.
	 * @param credential the credential, or {@code null} when there is none
	 * @return the value of its class, {@value #UNKNOWN} without a credential
	 */
	public static String valueFor(@Nullable EntraCredential credential) {
		return (credential != null) ? valueFor(credential.getClass()) : UNKNOWN;
	}

	private static String snakeCase(String camelCase) {
		StringBuilder snake = new StringBuilder(camelCase.length() + 4);
		for (int i = 0; i < camelCase.length(); i++) {
			char c = camelCase.charAt(i);
			if (Character.isUpperCase(c) && i > 0) {
				snake.append('_');
			}
			snake.append(c);
		}
		return snake.toString().toLowerCase(Locale.ROOT);
	}

}
