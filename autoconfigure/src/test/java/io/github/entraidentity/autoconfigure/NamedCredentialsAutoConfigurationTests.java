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
import java.util.List;
import java.util.Map;

import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.PARTNER_SECRET;
import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.partner;
import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.sovereign;
import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.unnamed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the named credentials of {@link IdentityAutoConfiguration},
 * {@code identity.credentials.<name>.*}.
 *
 * @author Entra Identity contributors
 */
class NamedCredentialsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withInitializer(environmentVariables(Map.of()));

	@Test
	void createsOneQualifiedCredentialPerName() {
		this.contextRunner.withPropertyValues(partner()).withPropertyValues(sovereign()).run((context) -> {
			assertThat(context).hasNotFailed();
			ClientSecretCredential partner = context.getBean("partnerCredential", ClientSecretCredential.class);
			ClientSecretCredential sovereign = context.getBean("sovereignCredential", ClientSecretCredential.class);
			assertThat(partner.tenantId()).isEqualTo("partner-tenant");
			assertThat(partner.clientId()).isEqualTo("partner-client");
			assertThat(partner.authority()).isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
			assertThat(sovereign.tenantId()).isEqualTo("gov-tenant");
			assertThat(sovereign.authority()).isEqualTo(AzureAuthorityHosts.AZURE_GOVERNMENT);
			assertThat(context.getBean(NamedCredentials.class).asMap()).containsOnlyKeys("partner", "sovereign");
		});
	}

	@Test
	void injectsNamedCredentialByQualifierAndUnnamedOneWithout() {
		this.contextRunner.withPropertyValues(unnamed())
			.withPropertyValues(partner())
			.withUserConfiguration(CredentialConsumers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Consumers consumers = context.getBean(Consumers.class);
				assertThat(consumers.unnamed().tenantId()).isEqualTo("tenant-1");
				assertThat(consumers.partner().tenantId()).isEqualTo("partner-tenant");
				assertThat(context.getBean(ClientSecretCredential.class)).isSameAs(consumers.unnamed());
			});
	}

	@Test
	void namedCredentialsDoNotNeedAnUnnamedOne() {
		this.contextRunner.withPropertyValues(partner()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("defaultCredential");
			assertThat(context).hasBean("partnerCredential");
		});
	}

	@Test
	void namedCredentialsNeverUseAzureEnvironmentVariables() {
		this.contextRunner
			.withInitializer(environmentVariables(
					Map.of("AZURE_TENANT_ID", "env-tenant", "AZURE_CLIENT_ID", "env-client", "AZURE_CLIENT_SECRET",
							"env-secret", "AZURE_AUTHORITY_HOST", AzureAuthorityHosts.AZURE_CHINA)))
			.withPropertyValues(partner())
			.run((context) -> {
				ClientSecretCredential partner = context.getBean("partnerCredential", ClientSecretCredential.class);
				assertThat(partner.authority()).isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
				assertThat(context.getBean(ClientSecretCredential.class).tenantId()).isEqualTo("env-tenant");
			});
	}

	@Test
	void bindsNamedCredentialsWithRelaxedNames() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("IDENTITY_CREDENTIALS_PARTNER_TENANTID", "env-partner",
					"IDENTITY_CREDENTIALS_PARTNER_CLIENTID", "env-client", "IDENTITY_CREDENTIALS_PARTNER_CLIENTSECRET",
					PARTNER_SECRET)))
			.withPropertyValues("identity.credentials.other.tenantId=other-tenant",
					"identity.credentials.other.clientId=other-client", "identity.credentials.other.client_secret=x")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("partnerCredential", ClientSecretCredential.class).tenantId())
					.isEqualTo("env-partner");
				assertThat(context.getBean("otherCredential", ClientSecretCredential.class).clientId())
					.isEqualTo("other-client");
			});
	}

	@Test
	void reportsProblemsOfEveryNamedCredentialByItsPropertyInOneFailure() {
		this.contextRunner.withPropertyValues("identity.credentials.partner.tenant-id=bad/tenant",
				"identity.credentials.partner.client-id=partner-client",
				"identity.credentials.partner.client-secret=" + PARTNER_SECRET,
				"identity.credentials.sovereign.tenant-id=gov-tenant",
				"identity.credentials.sovereign.client-secret=" + PARTNER_SECRET,
				"identity.credentials.sovereign.proxy.port=3128", "identity.credentials.sovereign.http.max-retries=99")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.credentials.partner.tenant-id")
					.contains("Property: identity.credentials.sovereign.client-id")
					.contains("Property: identity.credentials.sovereign.proxy.port")
					.contains("Property: identity.credentials.sovereign.http.max-retries")
					.doesNotContain("bad/tenant");
				assertThat(analysis.getDescription() + analysis.getAction() + context.getStartupFailure())
					.doesNotContain(PARTNER_SECRET);
			});
	}

	@Test
	void reportsUnresolvedPlaceholderOfANamedCredentialByItsProperty() {
		this.contextRunner
			.withPropertyValues("identity.credentials.partner.tenant-id=partner-tenant",
					"identity.credentials.partner.client-id=partner-client",
					"identity.credentials.partner.client-secret=${PARTNER_SECRET}")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.credentials.partner.client-secret\n"
						+ "    Reason: refers to PARTNER_SECRET, which is not set"));
	}

	@Test
	void reportsNamedCredentialCalledDefault() {
		this.contextRunner
			.withPropertyValues("identity.credentials.default.tenant-id=t", "identity.credentials.default.client-id=c",
					"identity.credentials.default.client-secret=s")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.credentials.default"));
	}

	@Test
	void closesEveryNamedCredentialOnShutdown() {
		List<EntraCredential> credentials = new ArrayList<>();
		this.contextRunner.withPropertyValues(unnamed())
			.withPropertyValues(partner())
			.withPropertyValues(sovereign())
			.run((context) -> {
				credentials.add(context.getBean(ClientSecretCredential.class));
				credentials.addAll(context.getBean(NamedCredentials.class).asMap().values());
				assertThat(credentials).hasSize(3).noneMatch(EntraCredential::isClosed);
			});
		assertThat(credentials).hasSize(3).allMatch(EntraCredential::isClosed);
	}

	@Test
	void createsNoNamedCredentialWhenDisabled() {
		this.contextRunner.withPropertyValues(partner())
			.withPropertyValues("identity.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientSecretCredential.class)
				.doesNotHaveBean(NamedCredentials.class));
	}

	@Test
	void masksSecretsOfEveryNamedCredentialInAnyRelaxedForm() {
		IdentitySanitizingFunction function = new IdentitySanitizingFunction();
		for (String key : new String[] { "identity.credentials.partner.client-secret",
				"identity.credentials.partner.clientSecret", "IDENTITY_CREDENTIALS_PARTNER_CLIENTSECRET",
				"identity.credentials.partner.proxy.password", "identity.credentials.partner.cache.persistence.key" }) {
			assertThat(function.apply(new SanitizableData(null, key, PARTNER_SECRET)).getValue()).as(key)
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
		assertThat(function.apply(new SanitizableData(null, "identity.credentials.partner.tenant-id", "t")).getValue())
			.isEqualTo("t");
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

	record Consumers(ClientSecretCredential unnamed, ClientSecretCredential partner) {

	}

	@Configuration(proxyBeanMethods = false)
	static class CredentialConsumers {

		@Bean
		Consumers consumers(ClientSecretCredential unnamed, @Qualifier("partner") ClientSecretCredential partner) {
			return new Consumers(unnamed, partner);
		}

	}

}
