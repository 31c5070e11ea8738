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

import java.io.InputStream;
import java.util.List;
import java.util.stream.StreamSupport;

import io.github.entraidentity.credential.CredentialDefaults;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated from {@link IdentityProperties} and
 * {@code additional-spring-configuration-metadata.json}.
 *
 * @author Entra Identity contributors
 */
class IdentityConfigurationMetadataTests {

	private JsonNode metadata;

	@BeforeEach
	void readMetadata() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			this.metadata = JsonMapper.builder().build().readTree(in);
		}
	}

	@Test
	void describesEveryProperty() {
		List<JsonNode> properties = identityProperties();
		assertThat(properties).hasSizeGreaterThanOrEqualTo(23);
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.path("name").asString())
					.isNotBlank()
					.doesNotStartWith("The ")
					.endsWith("."));
	}

	@Test
	void listsThePropertiesDocumentedInTheReadme() {
		assertThat(identityProperties()).extracting((property) -> property.path("name").asString())
			.contains("identity.enabled", "identity.tenant-id", "identity.client-id", "identity.client-secret",
					"identity.authority", "identity.additionally-allowed-tenants", "identity.cache.persistence.enabled",
					"identity.cache.persistence.name", "identity.cache.persistence.directory",
					"identity.cache.persistence.allow-unencrypted-storage", "identity.cache.persistence.key-file",
					"identity.cache.persistence.key", "identity.http.connect-timeout", "identity.http.response-timeout",
					"identity.http.max-retries", "identity.cache.max-entries", "identity.ssl.bundle",
					"identity.proxy.host", "identity.proxy.port", "identity.proxy.username", "identity.proxy.password",
					"identity.proxy.non-proxy-hosts", "identity.health.scopes", "identity.health.timeout");
	}

	@Test
	void describesNamedCredentialsAndServiceClients() {
		assertThat(property("identity.credentials").path("type").asString()).contains("CredentialProperties");
		assertThat(property("identity.service-clients").path("type").asString()).contains("ServiceClient");
		assertThat(property("identity.credentials").path("description").asString()).contains("@Qualifier");
	}

	@Test
	void keepsTheAzureFallbacksOfTheUnnamedCredentialInItsDescriptions() {
		assertThat(property("identity.tenant-id").path("description").asString()).contains("AZURE_TENANT_ID");
		assertThat(property("identity.client-secret").path("description").asString()).contains("AZURE_CLIENT_SECRET");
		assertThat(property("identity.authority").path("description").asString()).contains("AZURE_AUTHORITY_HOST");
	}

	@Test
	void documentsDefaults() {
		assertThat(property("identity.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(property("identity.authority").path("defaultValue").asString())
			.isEqualTo("https://login.microsoftonline.com");
		assertThat(property("identity.http.connect-timeout").path("defaultValue").asString()).isEqualTo("10s");
		assertThat(property("identity.health.timeout").path("defaultValue").asString()).isEqualTo("5s");
	}

	@Test
	void documentsTheCredentialsOwnDefaults() {
		assertThat(DurationStyle.detectAndParse(defaultValue("identity.http.connect-timeout")))
			.isEqualTo(CredentialDefaults.CONNECT_TIMEOUT);
		assertThat(DurationStyle.detectAndParse(defaultValue("identity.http.response-timeout")))
			.isEqualTo(CredentialDefaults.RESPONSE_TIMEOUT);
		assertThat(Integer.parseInt(defaultValue("identity.http.max-retries")))
			.isEqualTo(CredentialDefaults.MAX_RETRIES);
		assertThat(Integer.parseInt(defaultValue("identity.cache.max-entries")))
			.isEqualTo(CredentialDefaults.MAX_CACHE_ENTRIES);
		assertThat(new IdentityProperties().getCache().getMaxEntries()).isEqualTo(CredentialDefaults.MAX_CACHE_ENTRIES);
		IdentityProperties.Http http = new IdentityProperties().getHttp();
		assertThat(http.getConnectTimeout()).isEqualTo(CredentialDefaults.CONNECT_TIMEOUT);
		assertThat(http.getResponseTimeout()).isEqualTo(CredentialDefaults.RESPONSE_TIMEOUT);
		assertThat(http.getMaxRetries()).isEqualTo(CredentialDefaults.MAX_RETRIES);
		assertThat(TokenWebClientFactory.MAX_RESPONSE_BYTES).isEqualTo(CredentialDefaults.MAX_RESPONSE_BYTES);
		assertThat(new IdentityProperties().getCache().getPersistence().getName())
			.isEqualTo(TokenCachePersistenceOptions.DEFAULT_NAME);
		assertThat(defaultValue("identity.cache.persistence.name"))
			.isEqualTo(TokenCachePersistenceOptions.DEFAULT_NAME);
	}

	private String defaultValue(String name) {
		JsonNode defaultValue = property(name).path("defaultValue");
		assertThat(defaultValue.isMissingNode()).as("default of %s", name).isFalse();
		return defaultValue.asString();
	}

	@Test
	void documentsTheHealthIndicatorSwitch() {
		JsonNode property = StreamSupport.stream(this.metadata.path("properties").spliterator(), false)
			.filter((node) -> node.path("name").asString().equals("management.health.identity.enabled"))
			.findFirst()
			.orElseThrow();
		assertThat(property.path("description").asString()).startsWith("Whether");
		assertThat(property.path("defaultValue").asBoolean()).isTrue();
	}

	@Test
	void hintsAuthorityHosts() {
		JsonNode hint = StreamSupport.stream(this.metadata.path("hints").spliterator(), false)
			.filter((node) -> node.path("name").asString().equals("identity.authority"))
			.findFirst()
			.orElseThrow();
		assertThat(StreamSupport.stream(hint.path("values").spliterator(), false)
			.map((value) -> value.path("value").asString()))
			.containsExactlyInAnyOrder("https://login.microsoftonline.com", "https://login.microsoftonline.us",
					"https://login.chinacloudapi.cn");
	}

	private JsonNode property(String name) {
		return identityProperties().stream()
			.filter((property) -> property.path("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private List<JsonNode> identityProperties() {
		return StreamSupport.stream(this.metadata.path("properties").spliterator(), false)
			.filter((property) -> property.path("name").asString().startsWith("identity."))
			.toList();
	}

}
