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

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Where a client-secret credential's tenant, client id, secret and authority come from:
 * the {@code identity.*} properties or, when none of its credential properties is set,
 * the Azure SDK's {@code AZURE_*} environment variables. The two are never mixed.
 *
 * @param tenantId the tenant id and its property name
 * @param clientId the client id and its property name
 * @param clientSecret the client secret and its property name
 * @param clientSecretFile the file holding the client secret, or {@code null}
 * @param clientSecrets the client secrets to try in order, or empty
 * @param authority the authority and its property name, or {@code null} for the public
 * cloud
 * @author Entra Identity contributors
 */
record ConfiguredCredential(Setting tenantId, Setting clientId, Setting clientSecret, @Nullable Path clientSecretFile,
		List<String> clientSecrets, @Nullable Setting authority) {

	static final String TENANT_ID = "identity.tenant-id";

	static final String CLIENT_ID = "identity.client-id";

	static final String CLIENT_SECRET = "identity.client-secret";

	static final String AUTHORITY = "identity.authority";

	static final String AZURE_TENANT_ID = "AZURE_TENANT_ID";

	static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";

	static final String AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET";

	static final String AZURE_AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";

	/**
	 * Resolve the credential settings from bound properties, falling back to the
	 * environment variables.
	 * @param properties the bound properties
	 * @param environment the environment holding the environment variables
	 * @return the settings
	 */
	static ConfiguredCredential resolve(CredentialProperties properties, PropertyResolver environment) {
		Setting authority = authority(properties.getAuthority(), environment);
		boolean anyProperty = StringUtils.hasText(properties.getTenantId())
				|| StringUtils.hasText(properties.getClientId()) || StringUtils.hasText(properties.getClientSecret())
				|| properties.getClientSecretFile() != null || !properties.getClientSecrets().isEmpty();
		if (!anyProperty && environmentVariablesComplete(environment)) {
			return new ConfiguredCredential(new Setting(AZURE_TENANT_ID, environment.getProperty(AZURE_TENANT_ID)),
					new Setting(AZURE_CLIENT_ID, environment.getProperty(AZURE_CLIENT_ID)),
					new Setting(AZURE_CLIENT_SECRET, environment.getProperty(AZURE_CLIENT_SECRET)), null, List.of(),
					authority);
		}
		return new ConfiguredCredential(new Setting(TENANT_ID, properties.getTenantId()),
				new Setting(CLIENT_ID, properties.getClientId()),
				new Setting(CLIENT_SECRET, properties.getClientSecret()), properties.getClientSecretFile(),
				List.copyOf(properties.getClientSecrets()), authority);
	}

	/**
	 * Resolve the settings of a named credential from its properties alone: the
	 * {@code AZURE_*} environment variables describe one credential, the unnamed one.
	 * @param prefix the credential's property prefix, such as
	 * {@code identity.credentials.partner.}
	 * @param properties the credential's bound properties
	 * @return the settings
	 */
	static ConfiguredCredential named(String prefix, CredentialProperties properties) {
		return new ConfiguredCredential(new Setting(prefix + "tenant-id", properties.getTenantId()),
				new Setting(prefix + "client-id", properties.getClientId()),
				new Setting(prefix + "client-secret", properties.getClientSecret()), properties.getClientSecretFile(),
				List.copyOf(properties.getClientSecrets()),
				new Setting(prefix + "authority", properties.getAuthority()));
	}

	/**
	 * Return whether all three environment variables of a client-secret credential are
	 * set.
	 * @param environment the environment holding the variables
	 * @return whether they are complete
	 */
	static boolean environmentVariablesComplete(PropertyResolver environment) {
		return StringUtils.hasText(environment.getProperty(AZURE_TENANT_ID))
				&& StringUtils.hasText(environment.getProperty(AZURE_CLIENT_ID))
				&& StringUtils.hasText(environment.getProperty(AZURE_CLIENT_SECRET));
	}

	private static @Nullable Setting authority(@Nullable String property, PropertyResolver environment) {
		if (property != null) {
			return new Setting(AUTHORITY, property);
		}
		String variable = environment.getProperty(AZURE_AUTHORITY_HOST);
		return StringUtils.hasText(variable) ? new Setting(AZURE_AUTHORITY_HOST, variable) : null;
	}

	/**
	 * A configured value and the name of the property or environment variable it came
	 * from.
	 *
	 * @param name the property or environment variable name
	 * @param value the value, {@code null} when unset
	 */
	record Setting(String name, @Nullable String value) {

		boolean hasText() {
			return StringUtils.hasText(this.value);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
