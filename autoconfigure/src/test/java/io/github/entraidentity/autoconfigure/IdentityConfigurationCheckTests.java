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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.entraidentity.autoconfigure.IdentityHttpServiceClientAutoConfigurationTests.InventoryApi;
import io.github.entraidentity.autoconfigure.redis.RedisTokenCacheAutoConfiguration;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityConfigurationCheck}: every problem of the {@code identity.*}
 * configuration (credentials, named credentials, HTTP service groups, the shared token
 * cache, unknown properties) in one startup report, under a heading and with advice that
 * fit the problems in it.
 *
 * @author Entra Identity contributors
 */
class IdentityConfigurationCheckTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityConfigurationCheckAutoConfiguration.class,
				IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
				IdentityHttpServiceClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				SslAutoConfiguration.class, DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
				RedisTokenCacheAutoConfiguration.class))
		.withUserConfiguration(IdentityHttpServiceClientAutoConfigurationTests.InventoryGroup.class)
		.withPropertyValues("spring.http.serviceclient.inventory.base-url=https://inventory.example.com");

	@Test
	void badSecretSettingAndUnknownGroupAreReportedTogether() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.service-clients.oders.scopes=api://orders/.default")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
					.contains("Property: identity.client-secrets")
					.contains("Property: identity.service-clients.oders")
					.contains("'oders' which no @ImportHttpServices declares (groups: [inventory])")
					.doesNotContain("Canary~Secret");
				assertThat(analysis.getAction()).doesNotContain("identity.enabled=false");
			});
	}

	@Test
	void everyKindOfProblemIsInOneReport() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=bad/tenant", "identity.client-id=client",
					"identity.client-secret=secret", "identity.credentials.partner.tenant-id=partner-tenant",
					"identity.credentials.partner.client-secret=partner-secret",
					"identity.service-clients.inventory.credential=partnr",
					"identity.service-clients.inventory.scopes=api://inventory/.default",
					"spring.http.serviceclient.inventory.redirects=follow", "identity.health.timout=5s",
					"identity.cache.redis.enabled=true")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.startsWith("The Microsoft Entra ID configuration (identity.*) has 6 problems:")
				.contains("Property: spring.http.serviceclient.inventory.redirects")
				.contains("Property: identity.tenant-id")
				.contains("Property: identity.credentials.partner.client-id")
				.contains("Property: identity.service-clients.inventory.credential")
				.contains("Property: identity.health.timout")
				.contains("Property: identity.cache.redis.encryption-key"));
	}

	@Test
	void badSecretSettingAndTheRedisCacheTogetherWithTheFileCacheAreReportedTogether(@TempDir Path directory) {
		// The Redis cache reaches the credential through a builder customizer: the check
		// applies the customizers before it asks the credential's rules
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
					"identity.cache.persistence.enabled=true", "identity.cache.persistence.directory=" + directory,
					"identity.cache.persistence.key=" + KEY)
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
					.contains("Property: identity.client-secrets")
					.contains("Property: identity.cache.redis.enabled")
					.contains("is set together with identity.cache.persistence.enabled")
					.doesNotContain("Canary~Secret")
					.doesNotContain(KEY);
			});
	}

	@Test
	void badSettingsOfANamedCredentialAndTheRedisCacheTogetherWithItsFileCacheAreReportedTogether(
			@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("identity.credentials.partner.tenant-id=bad/tenant",
					"identity.credentials.partner.client-id=partner", "identity.credentials.partner.client-secret=s",
					"identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
					"identity.credentials.partner.cache.persistence.enabled=true",
					"identity.credentials.partner.cache.persistence.directory=" + directory,
					"identity.credentials.partner.cache.persistence.key=" + KEY)
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.contains("Property: identity.credentials.partner.tenant-id")
				.contains("Property: identity.cache.redis.enabled")
				.contains("is set together with identity.credentials.partner.cache.persistence.enabled"));
	}

	@Test
	void undeclaredGroupIsReportedWithOtherProblemsWhenTheApplicationsWebClientGroupConfigurerInjectsTheCredential() {
		// The application's configurer needs the credential, so the HTTP service registry
		// cannot be created before the check: the groups are read from their definitions
		this.contextRunner.withUserConfiguration(OwnWebClientGroupToken.class)
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.service-clients.oders.scopes=api://orders/.default")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
				.contains("Property: identity.client-secrets")
				.contains("Property: identity.service-clients.oders")
				.contains("'oders' which no @ImportHttpServices declares (groups: [inventory])"));
	}

	@Test
	void undeclaredGroupIsReportedWithOtherProblemsWhenTheHttpServicesAreDefinedAsInAnAotProcessedContext() {
		this.contextRunner.withUserConfiguration(OwnWebClientGroupToken.class, AsAotProcessed.class)
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.service-clients.oders.scopes=api://orders/.default")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
				.contains("'oders' which no @ImportHttpServices declares (groups: [inventory])"));
	}

	@Test
	void undeclaredGroupIsReportedWithOtherProblemsWhenTheApplicationsRestClientGroupConfigurerInjectsTheCredential() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityConfigurationCheckAutoConfiguration.class,
					IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
					IdentityHttpServiceClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					SslAutoConfiguration.class))
			.withUserConfiguration(OwnRestClientGroupToken.class)
			.withPropertyValues("spring.http.serviceclient.orders.base-url=https://orders.example.com",
					"identity.tenant-id=bad/tenant", "identity.client-id=client", "identity.client-secret=secret",
					"identity.service-clients.inventroy.scopes=api://inventory/.default")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
				.contains("Property: identity.tenant-id")
				.contains("Property: identity.service-clients.inventroy")
				.contains("'inventroy' which no @ImportHttpServices declares (groups: [orders])"));
	}

	@Test
	void undeclaredGroupAloneIsReportedWhenTheApplicationsGroupConfigurerInjectsTheCredential() {
		this.contextRunner.withUserConfiguration(OwnWebClientGroupToken.class)
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=secret", "identity.service-clients.oders.scopes=api://orders/.default")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.startsWith(
						"The bearer tokens of HTTP service groups (identity.service-clients) could not be configured:")
				.contains("'oders' which no @ImportHttpServices declares (groups: [inventory])"));
	}

	@Test
	void redisCacheValueThatCannotBeBoundIsReportedWithTheOtherProblemsWithoutItsValue() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
					"identity.cache.redis.timeout=Canary~Fast")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The Microsoft Entra ID configuration (identity.*) has 2 problems:")
					.contains("Property: identity.client-secrets")
					.contains("Property: identity.cache.redis.timeout")
					.contains("Reason: cannot be read as Duration (its value is not shown)")
					.doesNotContain("Canary~");
				assertThat(analysis.getAction()).contains("identity.cache.redis.timeout: Use a duration such as")
					.doesNotContain("Canary~");
			});
	}

	@Test
	void identityValuesThatCannotBeReadAreReportedWithTheOtherProblemsWithoutTheirValues() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=Canary~Secret.44", "identity.client-secrets[0]=Canary~Secret.55",
					"identity.http.max-retries=Canary~Three", "identity.credentials.partner.tenant-id=partner",
					"identity.credentials.partner.client-id=partner-client",
					"identity.credentials.partner.client-secret=partner-secret",
					"identity.credentials.partner.http.connect-timeout=Canary~Soon")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The Microsoft Entra ID credentials could not be configured:")
					.contains("Property: identity.client-secrets")
					.contains("Property: identity.http.max-retries")
					.contains("Reason: cannot be read as int (its value is not shown)")
					.contains("Property: identity.credentials.partner.http.connect-timeout")
					.contains("Reason: cannot be read as Duration (its value is not shown)")
					.doesNotContain("Canary~");
				assertThat(analysis.getAction()).contains("identity.http.max-retries: Use a whole number.")
					.doesNotContain("Canary~");
			});
	}

	@Test
	void customizerThatFailsFailsTheCredentialAfterTheReportOfTheConfiguration() {
		this.contextRunner.withBean(ClientSecretCredentialBuilderCustomizer.class, () -> (builder) -> {
			throw new IllegalStateException("Customizer failed");
		})
			.withPropertyValues("identity.tenant-id=bad/tenant", "identity.client-id=client",
					"identity.client-secret=secret")
			.run((context) -> assertThat(StartupReports.of(context).getDescription())
				.contains("Property: identity.tenant-id"));
		this.contextRunner.withBean(ClientSecretCredentialBuilderCustomizer.class, () -> (builder) -> {
			throw new IllegalStateException("Customizer failed");
		})
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=secret")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessage("Customizer failed"));
	}

	@Test
	void problemsOfGroupsAloneAreNotCalledCredentialProblems() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
					"identity.client-secret=secret", "identity.service-clients.inventory.credential=partner")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription()).startsWith(
						"The bearer tokens of HTTP service groups (identity.service-clients) could not be configured:");
				assertThat(analysis.getAction()).doesNotContain("identity.enabled=false");
			});
	}

	@Test
	void problemsOfTheUnnamedCredentialAloneOfferToTurnItOff() {
		this.contextRunner.withPropertyValues("identity.tenant-id=tenant").run((context) -> {
			FailureAnalysis analysis = StartupReports.of(context);
			assertThat(analysis.getDescription())
				.startsWith("The Microsoft Entra ID credential could not be configured:");
			assertThat(analysis.getAction()).endsWith("If the application should not use a Microsoft Entra ID"
					+ " credential, set identity.enabled=false to turn it off.");
		});
	}

	@Test
	void problemsOfNamedCredentialsDoNotOfferToTurnEveryCredentialOff() {
		this.contextRunner
			.withPropertyValues("identity.credentials.partner.tenant-id=partner",
					"identity.credentials.billing.client-id=billing")
			.run((context) -> {
				FailureAnalysis analysis = StartupReports.of(context);
				assertThat(analysis.getDescription())
					.startsWith("The Microsoft Entra ID credentials could not be configured:");
				assertThat(analysis.getAction()).doesNotContain("identity.enabled=false");
			});
	}

	@Test
	void validConfigurationStartsWithCheckedServiceClients() {
		this.contextRunner.withPropertyValues("identity.tenant-id=tenant", "identity.client-id=client",
				"identity.client-secret=secret", "identity.service-clients.inventory.scopes=api://inventory/.default")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(IdentityHttpServiceClientAutoConfigurationTests.InventoryApi.class);
				assertThat(context.getBean(ServiceClientTokens.class).get("inventory").credential())
					.isSameAs(context.getBean(ClientSecretCredential.class));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebClientGroupToken {

		@Bean
		WebClientHttpServiceGroupConfigurer inventoryToken(EntraCredential credential) {
			return (groups) -> groups.filterByName("inventory")
				.forEachClient((group, builder) -> builder
					.filter(BearerTokenFilter.of(credential, "api://inventory/.default")));
		}

	}

	interface OrdersApi {

		@GetExchange("/orders")
		String orders();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "orders", types = OrdersApi.class, clientType = ClientType.REST_CLIENT)
	static class OwnRestClientGroupToken {

		@Bean
		RestClientHttpServiceGroupConfigurer ordersToken(EntraCredential credential) {
			return (groups) -> groups.filterByName("orders")
				.forEachClient((group, builder) -> builder
					.requestInterceptor(BearerTokenInterceptor.of(credential, "api://orders/.default")));
		}

	}

	/**
	 * Leaves the definitions of the HTTP services as an AOT-processed context has them:
	 * without the attribute naming their group.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AsAotProcessed {

		@Bean
		static BeanFactoryPostProcessor withoutGroupNameAttributes() {
			return (beanFactory) -> {
				List<String> removed = new ArrayList<>();
				for (String name : beanFactory.getBeanDefinitionNames()) {
					BeanDefinition definition = beanFactory.getBeanDefinition(name);
					if (definition.removeAttribute("httpServiceGroupName") != null) {
						removed.add(name);
					}
				}
				assertThat(removed).containsExactly("inventory#" + InventoryApi.class.getName());
			};
		}

	}

}
