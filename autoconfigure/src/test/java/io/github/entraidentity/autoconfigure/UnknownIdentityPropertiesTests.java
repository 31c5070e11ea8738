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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code identity.*} property that the starter does not know is reported with the
 * closest known name, in the one startup report, whatever relaxed form or environment
 * variable names it; known properties in every form are not.
 *
 * @author Entra Identity contributors
 */
class UnknownIdentityPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityConfigurationCheckAutoConfiguration.class,
				IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void misspeltPropertyIsNamedWithTheClosestKnownOneInTheSameReport() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-scret=secret")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription()).contains("Property: identity.client-scret")
					.contains("did you mean identity.client-secret?")
					.contains("Property: identity.client-secret")
					.doesNotContain("Canary~Secret.33");
				assertThat(analysis.getAction()).contains("identity.client-scret: Rename it to identity.client-secret.")
					.doesNotContain("identity.enabled=false");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "identity.client-scret", "identity.clientScret", "identity.client_scret",
			"identity.clientscret" })
	void everyRelaxedFormOfAMisspeltPropertyIsNamed(String name) {
		assertThat(find(Map.of(name, "x"))).singleElement().satisfies((problem) -> {
			assertThat(problem.name()).isEqualTo(name);
			assertThat(problem.reason()).contains("did you mean identity.client-secret?");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "IDENTITY_CLIENT_SCRET", "IDENTITY_CLIENTSCRET" })
	void misspeltEnvironmentVariableIsNamedWithTheVariableItMeant(String variable) {
		assertThat(findInEnvironmentVariables(Map.of(variable, "x"))).singleElement().satisfies((problem) -> {
			assertThat(problem.name()).isEqualTo(variable);
			assertThat(problem.reason()).contains("did you mean IDENTITY_CLIENTSECRET (identity.client-secret)?");
		});
	}

	@Test
	void environmentVariablesOfThePlatformAndKnownVariablesAreNotReported() {
		Map<String, Object> variables = new LinkedHashMap<>();
		// Set by App Service, Functions and Service Fabric for managed identities
		variables.put("IDENTITY_ENDPOINT", "http://127.0.0.1:41000/msi/token");
		variables.put("IDENTITY_HEADER", "header");
		variables.put("IDENTITY_SERVER_THUMBPRINT", "thumbprint");
		variables.put("IDENTITY_CLIENT_SECRET", "secret");
		variables.put("IDENTITY_TENANTID", "tenant");
		variables.put("IDENTITY_CLIENTSECRETS_0", "secret");
		variables.put("IDENTITY_HTTP_CONNECT_TIMEOUT", "5s");
		variables.put("IDENTITY_CREDENTIALS_PARTNER_CLIENT_ID", "client");
		variables.put("IDENTITY_SERVICECLIENTS_ORDERS_SCOPES", "api://orders/.default");
		variables.put("IDENTITY_CACHE_REDIS_ENABLED", "false");
		assertThat(findInEnvironmentVariables(variables)).isEmpty();
		// Known because the binder binds them
		IdentityProperties bound = Binder.get(environmentVariables(variables))
			.bind("identity", IdentityProperties.class)
			.get();
		assertThat(bound.getClientSecret()).isEqualTo("secret");
		assertThat(bound.getTenantId()).isEqualTo("tenant");
		assertThat(bound.getClientSecrets()).containsExactly("secret");
		assertThat(bound.getHttp().getConnectTimeout()).hasSeconds(5);
		assertThat(bound.getCredentials().get("partner").getClientId()).isEqualTo("client");
		assertThat(bound.getServiceClients().get("orders").getScopes()).containsExactly("api://orders/.default");
	}

	@Test
	void misspeltPropertiesOfNamedCredentialsAndServiceClientsAreNamed() {
		assertThat(find(Map.of("identity.credentials.partner.tenent-id", "t", "identity.service-clients.orders.scope",
				"api://orders/.default")))
			.extracting(InvalidIdentityProperty::reason)
			.containsExactly(
					"is not a property of the Microsoft Entra ID starter; did you mean"
							+ " identity.credentials.partner.tenant-id?",
					"is not a property of the Microsoft Entra ID starter; did you mean"
							+ " identity.service-clients.orders.scopes?");
	}

	@Test
	void propertyInTheWrongGroupIsNamedWithTheGroupsThatHaveIt() {
		assertThat(find(Map.of("identity.connect-timeout", "5s"))).singleElement()
			.satisfies(
					(problem) -> assertThat(problem.reason()).contains("did you mean identity.http.connect-timeout?"));
	}

	@Test
	void propertyLikeNoOtherIsReportedWithoutASuggestion() {
		assertThat(find(Map.of("identity.frobnicate", "on"))).singleElement().satisfies((problem) -> {
			assertThat(problem.reason()).isEqualTo("is not a property of the Microsoft Entra ID starter");
			assertThat(problem.action()).startsWith("Remove it.");
		});
	}

	@Test
	void unknownPropertyAloneFailsStartup() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=secret", "identity.http.max-retrys=5")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The configuration names identity.* properties that do not exist:")
					.contains("Property: identity.http.max-retrys")
					.contains("did you mean identity.http.max-retries?");
			});
	}

	@Test
	void unknownPropertyFailsStartupWithLazyInitializationToo() {
		this.contextRunner
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withPropertyValues("identity.tenant-idd=tenant")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.contains("did you mean identity.tenant-id?"));
	}

	@Test
	void everyPropertyOfTheConfigurationMetadataIsKnownForEveryCredential() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata().path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("identity.")) {
				properties.put(name, "x");
				properties.put("identity.credentials.partner." + name.substring("identity.".length()), "x");
			}
		}
		// The named credentials take every setting of the unnamed one but these
		for (String notNamed : List.of("enabled", "credentials", "service-clients", "cache.redis.enabled",
				"cache.redis.encryption-key", "cache.redis.key-prefix", "cache.redis.lock-lease",
				"cache.redis.timeout")) {
			properties.remove("identity.credentials.partner." + notNamed);
		}
		properties.put("identity.client-secrets[0]", "x");
		properties.put("identity.credentials.partner.client-secrets[1]", "x");
		properties.put("identity.service-clients.orders.scopes[0]", "api://orders/.default");
		properties.put("identity.service-clients.orders.credential", "partner");
		properties.put("identity.service-clients.orders.cae-enabled", "true");
		assertThat(properties).containsKeys("identity.cache.redis.enabled", "identity.workload-identity.token-file",
				"identity.credentials.partner.client-certificate.path", "identity.managed-identity.client-id",
				"identity.credentials.partner.managed-identity.enabled");
		assertThat(find(properties)).isEmpty();
	}

	@Test
	void namedCredentialsDoNotTakeTheSettingsOfTheUnnamedOneAlone() {
		assertThat(find(Map.of("identity.credentials.partner.cache.redis.enabled", "true",
				"identity.credentials.partner.service-clients.orders.scopes", "api://orders/.default")))
			.extracting(InvalidIdentityProperty::name)
			.containsExactly("identity.credentials.partner.cache.redis.enabled",
					"identity.credentials.partner.service-clients.orders.scopes");
	}

	private static List<InvalidIdentityProperty> find(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		return UnknownIdentityProperties.find(environment);
	}

	private static List<InvalidIdentityProperty> findInEnvironmentVariables(Map<String, Object> variables) {
		return UnknownIdentityProperties.find(environmentVariables(variables));
	}

	private static StandardEnvironment environmentVariables(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	private static JsonNode metadata() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
