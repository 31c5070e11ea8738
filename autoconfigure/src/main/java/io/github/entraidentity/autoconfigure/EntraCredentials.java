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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;

/**
 * Every credential of the application by name, whatever its type: the unnamed one
 * ({@code identity.*}, the {@code AZURE_*} environment variables or the application's own
 * {@link EntraCredential} bean) under {@value #DEFAULT}, and each named one
 * ({@code identity.credentials.<name>.*}) under its name. Health, metrics, HTTP service
 * clients and the Azure SDK {@code TokenCredential} beans iterate it, and so can code
 * that picks a credential by name at runtime.
 * <p>
 * Each credential is also a bean of its own, {@code <name>Credential} (see
 * {@link #beanName(String)}): the unnamed one, when auto-configured, is
 * {@code defaultCredential}, injectable without qualifier; a named one is injectable with
 * {@code @Qualifier("<name>")} only.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EntraCredentials {

	/**
	 * Name of the unnamed credential, also its {@code credential} metric tag and its
	 * health component; no named credential may use it.
	 */
	public static final String DEFAULT = "default";

	private final Map<String, EntraCredential> credentials;

	EntraCredentials(@Nullable EntraCredential unnamed, Map<String, EntraCredential> named) {
		Map<String, EntraCredential> credentials = new LinkedHashMap<>();
		if (unnamed != null) {
			credentials.put(DEFAULT, unnamed);
		}
		credentials.putAll(named);
		this.credentials = Collections.unmodifiableMap(credentials);
	}

	/**
	 * Return the credential with the given name.
	 * @param name {@value #DEFAULT} for the unnamed credential, otherwise the name under
	 * {@code identity.credentials}
	 * @return the credential
	 * @throws IllegalArgumentException if no credential has that name
	 */
	public EntraCredential get(String name) {
		EntraCredential credential = find(name);
		if (credential == null) {
			throw new IllegalArgumentException(
					"No credential is named '" + name + "' (credentials: " + this.credentials.keySet() + ")");
		}
		return credential;
	}

	/**
	 * Return the credential with the given name, if there is one.
	 * @param name {@value #DEFAULT} for the unnamed credential, otherwise the name under
	 * {@code identity.credentials}
	 * @return the credential, or {@code null}
	 */
	public @Nullable EntraCredential find(String name) {
		return this.credentials.get(name);
	}

	/**
	 * Return every credential.
	 * @return the credentials by name, the unnamed one first, then the named ones in the
	 * order configured
	 */
	public Map<String, EntraCredential> asMap() {
		return this.credentials;
	}

	/**
	 * Return the bean name of an auto-configured credential.
	 * @param name {@value #DEFAULT} for the unnamed credential, otherwise the name under
	 * {@code identity.credentials}
	 * @return its bean name, such as {@code partnerCredential}
	 */
	public static String beanName(String name) {
		return name + "Credential";
	}

	@Override
	public String toString() {
		return "EntraCredentials" + this.credentials.keySet();
	}

}
