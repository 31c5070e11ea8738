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

import io.github.entraidentity.credential.ClientSecretCredential;

/**
 * Callback that customizes the {@link ClientSecretCredential.Builder} of each
 * auto-configured client-secret credential, the unnamed one and every named one, after
 * its properties are applied, for settings without a property. Credentials of other types
 * are not passed to it.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientSecretCredentialBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(ClientSecretCredential.Builder builder);

	/**
	 * Customize the builder of the credential with the given name. By default calls
	 * {@link #customize(ClientSecretCredential.Builder)}; override it to tell credentials
	 * apart, for example to tag their metrics.
	 * @param credentialName the name under {@code identity.credentials}, or
	 * {@link EntraCredentials#DEFAULT} for the {@code identity.*} credential
	 * @param builder the builder
	 */
	default void customize(String credentialName, ClientSecretCredential.Builder builder) {
		customize(builder);
	}

	/**
	 * Name given to the unnamed {@code identity.*} credential, for example as its
	 * {@code credential} metric tag and its health component: the same as
	 * {@link EntraCredentials#DEFAULT}.
	 */
	String UNNAMED = EntraCredentials.DEFAULT;

}
