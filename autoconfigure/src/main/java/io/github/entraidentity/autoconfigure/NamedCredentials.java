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
import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * The named credentials configured under {@code identity.credentials.<name>.*}, whatever
 * their type, built together so that one failed startup reports the problems of every one
 * of them. Each one is also a bean, {@code <name>Credential}, injectable with
 * {@code @Qualifier("<name>")}. Its presence tells auto-configurations that named
 * credentials exist; to use them, iterate {@link EntraCredentials}, which holds them
 * together with the unnamed one.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class NamedCredentials implements AutoCloseable {

	static final String PROPERTY = "identity.credentials";

	/**
	 * Name of the bean that holds the named credentials.
	 */
	static final String BEAN_NAME = "namedCredentials";

	private final Map<String, EntraCredential> credentials;

	NamedCredentials(Map<String, CredentialProperties> properties, CredentialFactory factory) {
		Map<String, EntraCredential> credentials = new LinkedHashMap<>();
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		properties.forEach((name, credentialProperties) -> {
			InvalidIdentityProperty reservedName = reservedName(name);
			if (reservedName != null) {
				problems.add(reservedName);
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
			credentials.values().forEach(EntraCredential::close);
			throw new InvalidIdentityPropertiesException(problems, null);
		}
		this.credentials = Collections.unmodifiableMap(credentials);
	}

	/**
	 * Return the problems of the named credentials' properties, without creating them.
	 * @param properties the properties of each named credential
	 * @param factory the factory that creates them
	 * @return the problems, empty when every one can be created
	 */
	static List<InvalidIdentityProperty> problems(Map<String, CredentialProperties> properties,
			CredentialFactory factory) {
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		properties.forEach((name, credentialProperties) -> {
			InvalidIdentityProperty reservedName = reservedName(name);
			if (reservedName != null) {
				problems.add(reservedName);
			}
			else {
				problems.addAll(factory.problemsOf(name, credentialProperties));
			}
		});
		return problems;
	}

	private static @Nullable InvalidIdentityProperty reservedName(String name) {
		if (!EntraCredentials.DEFAULT.equals(name)) {
			return null;
		}
		return new InvalidIdentityProperty(PROPERTY + "." + name,
				"uses the name '" + name + "', which health and metrics give the unnamed identity.* credential",
				"Choose another name, or configure this credential under identity.* instead.");
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
		// Nothing to bind (and its classes not to load) in most applications
		if (!IdentityPropertySources.mayBeSetUnder(environment, ConfigurationPropertyName.of(PROPERTY))) {
			return Set.of();
		}
		// A value that cannot be read is in the configuration check's report, not here
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, CredentialProperties.class), new IgnoreErrorsBindHandler())
			.map((credentials) -> credentials.keySet())
			.orElse(Set.of());
	}

	/**
	 * Return the property prefix of a named credential.
	 * @param name the credential's name
	 * @return the prefix, such as {@code identity.credentials.partner.}
	 */
	static String prefix(String name) {
		return PROPERTY + "." + name + ".";
	}

	/**
	 * Return the credential with the given name.
	 * @param name the name under {@code identity.credentials}
	 * @return the credential
	 * @throws IllegalArgumentException if no credential has that name
	 */
	public EntraCredential get(String name) {
		EntraCredential credential = this.credentials.get(name);
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
	public Map<String, EntraCredential> asMap() {
		return this.credentials;
	}

	/**
	 * Close every named credential; closing is idempotent, so the beans' own close on
	 * shutdown is harmless.
	 */
	@Override
	public void close() {
		this.credentials.values().forEach(EntraCredential::close);
	}

}
