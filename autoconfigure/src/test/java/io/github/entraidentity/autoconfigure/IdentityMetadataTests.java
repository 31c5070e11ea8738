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

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityMetadata}: the startup checks' fast paths trust what it says.
 *
 * @author Entra Identity contributors
 */
class IdentityMetadataTests {

	private final IdentityMetadata metadata = IdentityMetadata.get();

	@Test
	void listsThePropertiesOfTheUnnamedCredentialAndTheElementsOfItsLists() {
		assertThat(this.metadata.lists(name("identity.tenant-id"))).isTrue();
		assertThat(this.metadata.lists(name("identity.http.max-retries"))).isTrue();
		assertThat(this.metadata.lists(name("identity.additionally-allowed-tenants[0]"))).isTrue();
	}

	@Test
	void doesNotListMisspeltNamesOrThoseOfNamedCredentials() {
		assertThat(this.metadata.lists(name("identity.client-scret"))).isFalse();
		assertThat(this.metadata.lists(name("identity.credentials.partner.tenant-id"))).isFalse();
	}

	@Test
	void tellsTextPropertiesFromThoseAValueMayFailToConvertTo() {
		assertThat(this.metadata.listsAsText(name("identity.client-secret"))).isTrue();
		assertThat(this.metadata.listsAsText(name("identity.additionally-allowed-tenants[1]"))).isTrue();
		assertThat(this.metadata.listsAsText(name("identity.http.max-retries"))).isFalse();
		assertThat(this.metadata.listsAsText(name("identity.http.connect-timeout"))).isFalse();
		assertThat(this.metadata.listsAsText(name("identity.enabled"))).isFalse();
		assertThat(this.metadata.listsAsText(name("identity.client-scret"))).isFalse();
	}

	private static ConfigurationPropertyName name(String name) {
		return ConfigurationPropertyName.of(name);
	}

}
