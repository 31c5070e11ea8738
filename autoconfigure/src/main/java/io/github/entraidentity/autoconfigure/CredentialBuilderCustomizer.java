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
import io.github.entraidentity.credential.CredentialBuilder;

/**
 * Callback that customizes the builder of every auto-configured credential, whatever
 * proves its identity (a client secret, a certificate, workload identity), after its
 * properties are applied: the settings all credentials share, such as an event listener
 * or an observation registry.
 * <p>
 * It is also a {@link ClientSecretCredentialBuilderCustomizer}, so that an application
 * that builds its own {@code ClientSecretCredential} and applies those customizers (as
 * docs/configuration.md shows) gets these too, in one order.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface CredentialBuilderCustomizer extends ClientSecretCredentialBuilderCustomizer {

	/**
	 * Customize the builder of the credential with the given name.
	 * @param credentialName the name under {@code identity.credentials}, or
	 * {@link EntraCredentials#DEFAULT} for the {@code identity.*} credential
	 * @param builder the builder
	 */
	void customize(String credentialName, CredentialBuilder<?> builder);

	@Override
	default void customize(ClientSecretCredential.Builder builder) {
		customize(EntraCredentials.DEFAULT, (CredentialBuilder<?>) builder);
	}

	@Override
	default void customize(String credentialName, ClientSecretCredential.Builder builder) {
		customize(credentialName, (CredentialBuilder<?>) builder);
	}

}
