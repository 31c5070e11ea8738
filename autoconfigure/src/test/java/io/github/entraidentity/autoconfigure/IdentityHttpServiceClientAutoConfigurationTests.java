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
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityHttpServiceClientAutoConfiguration}: what fails startup. The
 * tokens on the wire are shown by {@code ApplicationCallsHttpServiceGroupsTests}.
 *
 * @author Entra Identity contributors
 */
class IdentityHttpServiceClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, IdentityHttpServiceClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				HttpServiceClientPropertiesAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(InventoryGroup.class)
		.withPropertyValues("identity.credentials.partner.tenant-id=partner-tenant",
				"identity.credentials.partner.client-id=partner-client",
				"identity.credentials.partner.client-secret=partner-secret",
				"spring.http.serviceclient.inventory.base-url=https://inventory.example.com");

	@Test
	void startsWithAConfiguredGroupAndNamedCredential() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.inventory.credential=partner",
					"identity.service-clients.inventory.scopes=api://inventory/.default")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InventoryApi.class));
	}

	@Test
	void leavesEveryGroupAloneWithoutServiceClientProperties() {
		// Nothing to configure: the auto-configuration backs off, costing no startup time
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(InventoryApi.class)
			.doesNotHaveBean(ServiceClientTokens.class)
			.doesNotHaveBean(ServiceClientRedirects.class));
	}

	@Test
	void reportsUnknownGroupNamingIt() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.invetnory.credential=partner",
					"identity.service-clients.invetnory.scopes=api://inventory/.default")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.service-clients.invetnory")
					.contains("'invetnory'")
					.contains("[inventory]");
			});
	}

	@Test
	void reportsUnknownCredentialNamingIt() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.inventory.credential=partnr",
					"identity.service-clients.inventory.scopes=api://inventory/.default")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: identity.service-clients.inventory.credential")
					.contains("'partnr'")
					.contains("[partner]");
				assertThat(analysis.getAction()).contains("identity.credentials.partnr");
			});
	}

	@Test
	void reportsDefaultCredentialThatIsNotConfigured() {
		this.contextRunner.withPropertyValues("identity.service-clients.inventory.scopes=api://inventory/.default")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.service-clients.inventory.credential")
				.contains("no unnamed credential"));
	}

	@Test
	void reportsGroupWithoutScopes() {
		this.contextRunner.withPropertyValues("identity.service-clients.inventory.credential=partner")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.service-clients.inventory.scopes"));
	}

	@Test
	void reportsGroupWithATokenWhoseClientWouldFollowRedirects() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.inventory.credential=partner",
					"identity.service-clients.inventory.scopes=api://inventory/.default",
					"spring.http.serviceclient.inventory.redirects=follow-when-possible")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: spring.http.serviceclient.inventory.redirects")
					.contains("is follow-when-possible, but the clients of HTTP service group 'inventory' carry a"
							+ " bearer token (identity.service-clients.inventory)");
				assertThat(analysis.getAction()).contains("dont-follow");
			});
	}

	@Test
	void startsWithAGroupWithATokenThatDoesNotFollowRedirects() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.inventory.credential=partner",
					"identity.service-clients.inventory.scopes=api://inventory/.default",
					"spring.http.serviceclient.inventory.redirects=dont-follow")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InventoryApi.class));
	}

	@Test
	void leavesTheRedirectsOfAGroupWithoutATokenAlone() {
		this.contextRunner
			.withPropertyValues("identity.service-clients.orders.credential=partner",
					"identity.service-clients.orders.scopes=api://orders/.default",
					"spring.http.serviceclient.inventory.redirects=follow")
			.withUserConfiguration(OrdersGroup.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ServiceClientRedirects.class).settings("inventory")).isNull();
			});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

	interface InventoryApi {

		@GetExchange("/items")
		Mono<String> items();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "inventory", types = InventoryApi.class, clientType = ClientType.WEB_CLIENT)
	static class InventoryGroup {

	}

	interface OrdersApi {

		@GetExchange("/orders")
		Mono<String> orders();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "orders", types = OrdersApi.class, clientType = ClientType.WEB_CLIENT)
	static class OrdersGroup {

	}

}
