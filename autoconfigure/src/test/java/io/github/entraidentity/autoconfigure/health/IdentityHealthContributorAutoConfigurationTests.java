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
package io.github.entraidentity.autoconfigure.health;

import java.time.Duration;

import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityHealthContributorAutoConfiguration}.
 */
class IdentityHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				SslAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class));

	@Test
	void createsHealthIndicatorWhenCredentialExists() {
		this.contextRunner.withPropertyValues(credentialProperties()).run((context) -> {
			assertThat(context).hasSingleBean(IdentityHealthIndicator.class);
			assertThat(context).hasBean("identityHealthIndicator");
			assertThat(context.getBean(IdentityHealthIndicator.class).health().block(Duration.ofSeconds(5)).getStatus())
				.isEqualTo(Status.UNKNOWN);
		});
	}

	@Test
	void doesNotCreateHealthIndicatorWhenDisabled() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("management.health.identity.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("identityHealthIndicator"));
	}

	@Test
	void doesNotCreateHealthIndicatorWhenHealthDefaultsAreDisabled() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("identityHealthIndicator"));
	}

	@Test
	void createsHealthIndicatorForUserDefinedCredential() {
		this.contextRunner
			.withBean(ClientSecretCredential.class,
					IdentityHealthContributorAutoConfigurationTests::userDefinedCredential)
			.withPropertyValues("identity.health.timeout=3s")
			.run((context) -> {
				assertThat(context).hasSingleBean(IdentityHealthIndicator.class);
				assertThat(context.getBean(IdentityHealthIndicator.class)).extracting("credential", "timeout")
					.containsExactly(context.getBean(ClientSecretCredential.class), Duration.ofSeconds(3));
			});
	}

	@Test
	void createsHealthIndicatorForUserDefinedCredentialWithoutSpringBootHttpClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityCredentialsAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.withBean(ClientSecretCredential.class,
					IdentityHealthContributorAutoConfigurationTests::userDefinedCredential)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(IdentityAutoConfiguration.class);
				assertThat(context).hasSingleBean(IdentityHealthIndicator.class);
			});
	}

	@Test
	void doesNotCreateHealthIndicatorWithSeveralCredentials() {
		this.contextRunner
			.withBean("first", ClientSecretCredential.class,
					IdentityHealthContributorAutoConfigurationTests::userDefinedCredential)
			.withBean("second", ClientSecretCredential.class,
					IdentityHealthContributorAutoConfigurationTests::userDefinedCredential)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("identityHealthIndicator");
			});
	}

	@Test
	void doesNotCreateHealthIndicatorWithoutCredential() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("identityHealthIndicator"));
	}

	@Test
	void doesNotCreateHealthIndicatorWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("identityHealthIndicator");
			});
	}

	@Test
	void backsOffWhenUserDefinesIdentityHealthIndicator() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withBean("identityHealthIndicator", String.class, () -> "custom")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(IdentityHealthIndicator.class);
				assertThat(context.getBean("identityHealthIndicator")).isEqualTo("custom");
			});
	}

	@Test
	void usesConfiguredHealthScopesAndTimeout() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.health.scopes=api://x/.default", "identity.health.timeout=2s")
			.run((context) -> assertThat(context.getBean(IdentityHealthIndicator.class)).extracting("scopes", "timeout")
				.containsExactly(java.util.List.of("api://x/.default"), Duration.ofSeconds(2)));
	}

	private static ClientSecretCredential userDefinedCredential() {
		return new ClientSecretCredential("own-tenant", "own-client", "own-secret");
	}

	private static String[] credentialProperties() {
		return new String[] { "identity.tenant-id=tenant-1", "identity.client-id=client-1",
				"identity.client-secret=health-secret" };
	}

}
