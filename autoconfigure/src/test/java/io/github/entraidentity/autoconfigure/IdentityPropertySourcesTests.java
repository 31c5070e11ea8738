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

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityPropertySources}: the gate that lets the auto-configuration
 * back off before loading its classes when nothing of the starter is configured.
 *
 * @author Entra Identity contributors
 */
class IdentityPropertySourcesTests {

	// Every variable a credential type reads, except AZURE_CLIENT_ID
	private static final Map<String, Object> AZURE_VARIABLES_BUT_THE_CLIENT_ID = Map.of("AZURE_TENANT_ID", "env-tenant",
			"AZURE_CLIENT_SECRET", "env-secret", "AZURE_CLIENT_CERTIFICATE_PATH", "/certificate.pem",
			"AZURE_CLIENT_CERTIFICATE_PASSWORD", "env-password", "AZURE_FEDERATED_TOKEN_FILE", "/token",
			"AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com");

	@Test
	void nothingIsConfiguredWithoutIdentityPropertiesOrAzureClientId() {
		assertThat(IdentityPropertySources.mayConfigureIdentity(environment(Map.of(), Map.of()))).isFalse();
		assertThat(IdentityPropertySources.mayConfigureIdentity(
				environment(Map.of("spring.application.name", "app"), AZURE_VARIABLES_BUT_THE_CLIENT_ID)))
			.isFalse();
	}

	@Test
	void anIdentityPropertyInAnyRelaxedFormMayConfigureIdentity() {
		assertThat(
				IdentityPropertySources.mayConfigureIdentity(environment(Map.of("identity.tenat-id", "x"), Map.of())))
			.isTrue();
		assertThat(
				IdentityPropertySources.mayConfigureIdentity(environment(Map.of(), Map.of("IDENTITY_CLIENTID", "x"))))
			.isTrue();
	}

	@Test
	void azureClientIdAloneMayConfigureIdentity() {
		assertThat(IdentityPropertySources.mayConfigureIdentity(environment(Map.of(), Map.of("AZURE_CLIENT_ID", "x"))))
			.isTrue();
	}

	// The gate's rule holds only while every type that the AZURE_* variables configure
	// needs AZURE_CLIENT_ID
	@Test
	void noCredentialTypeIsConfiguredByEnvironmentVariablesWithoutAzureClientId() {
		StandardEnvironment withoutClientId = environment(Map.of(), AZURE_VARIABLES_BUT_THE_CLIENT_ID);
		Map<String, Object> all = new HashMap<>(AZURE_VARIABLES_BUT_THE_CLIENT_ID);
		all.put("AZURE_CLIENT_ID", "env-client");
		StandardEnvironment withClientId = environment(Map.of(), all);
		for (CredentialType type : CredentialType.all()) {
			assertThat(type.isConfiguredByEnvironmentVariables(withoutClientId)).as(type.description()).isFalse();
		}
		assertThat(CredentialType.all()).anyMatch((type) -> type.isConfiguredByEnvironmentVariables(withClientId));
	}

	private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
