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

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.ClientSecretCredential;

import org.springframework.core.env.Environment;

/**
 * The named credentials configured under {@code identity.credentials.<name>.*}, by name.
 * Each one is also a {@link ClientSecretCredential} bean injectable with
 * {@code @Qualifier("<name>")}; this type serves code that picks a credential by name at
 * runtime, such as health indicators and HTTP service group configurers.
 * <p>
 * All credentials are built together so that one failed startup reports the problems of
 * every one of them.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class NamedClientSecretCredentials implements AutoCloseable {

	private final Map<String, ClientSecretCredential> credentials;

	NamedClientSecretCredentials(Map<String, CredentialProperties> properties, CredentialFactory factory) {
		Map<String, ClientSecretCredential> credentials = new LinkedHashMap<>();
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		properties.forEach((name, credentialProperties) -> {
			if (ClientSecretCredentialBuilderCustomizer.UNNAMED.equals(name)) {
				problems.add(new InvalidIdentityProperty(NamedCredentials.PROPERTY + "." + name,
						"uses the name '" + name + "', which health and metrics give the unnamed identity.*"
								+ " credential",
						"Choose another name, or configure this credential under identity.* instead."));
				return;
			}
			try {
				credentials.put(name, factory.create(name, credentialProperties));
			}
			catch (InvalidIdentityPropertiesException ex) {
				problems.addAll(ex.problems());
			}
		});
		if (!problems.isEmpty()) {
			credentials.values().forEach(ClientSecretCredential::close);
			throw new InvalidIdentityPropertiesException(problems, null);
		}
		this.credentials = Collections.unmodifiableMap(credentials);
	}

	/**
	 * Return the names of the credentials configured under
	 * {@code identity.credentials.<name>.*}, without creating any: for registrars that
	 * register a bean of their own per named credential, as the Azure SDK
	 * {@code TokenCredential} auto-configuration does.
	 * @param environment the environment the properties are bound from
	 * @return the names, in the order configured
	 */
	public static Set<String> configuredNames(Environment environment) {
		return NamedCredentials.names(environment);
	}

	/**
	 * Return the credential with the given name.
	 * @param name the name under {@code identity.credentials}
	 * @return the credential
	 * @throws IllegalArgumentException if no credential has that name
	 */
	public ClientSecretCredential get(String name) {
		ClientSecretCredential credential = this.credentials.get(name);
		if (credential == null) {
			throw new IllegalArgumentException("No credential is configured under identity.credentials." + name
					+ " (configured: " + this.credentials.keySet() + ")");
		}
		return credential;
	}

	/**
	 * Return every named credential.
	 * @return the credentials by name, in the order configured
	 */
	public Map<String, ClientSecretCredential> asMap() {
		return this.credentials;
	}

	/**
	 * Close every named credential; closing is idempotent, so the beans' own close on
	 * shutdown is harmless.
	 */
	@Override
	public void close() {
		this.credentials.values().forEach(ClientSecretCredential::close);
	}

}
