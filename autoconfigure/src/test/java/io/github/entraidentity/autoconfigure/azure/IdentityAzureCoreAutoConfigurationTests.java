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

package io.github.entraidentity.autoconfigure.azure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.NamedCredentials;
import io.github.entraidentity.azure.AzureCoreTokenCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.partner;
import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.sovereign;
import static io.github.entraidentity.autoconfigure.CredentialPropertyValues.unnamed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityAzureCoreAutoConfiguration}.
 *
 * @author Entra Identity contributors
 */
class IdentityAzureCoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, IdentityAzureCoreAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void createsTokenCredentialBackedByTheAutoConfiguredCredential() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-secret=secret-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenCredential.class);
				assertThat(context.getBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME)).isInstanceOfSatisfying(
						AzureCoreTokenCredential.class,
						(sdk) -> assertThat(sdk.credential()).isSameAs(context.getBean(ClientSecretCredential.class)));
			});
	}

	@Test
	void createsTokenCredentialBackedByTheApplicationsOwnCredential() {
		this.contextRunner.withUserConfiguration(OwnCredentialConfiguration.class).run((context) -> {
			AzureCoreTokenCredential sdk = context.getBean(AzureCoreTokenCredential.class);
			assertThat(sdk.credential()).isSameAs(context.getBean("ownCredential"));
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesATokenCredential() {
		this.contextRunner
			.withUserConfiguration(OwnCredentialConfiguration.class, OwnTokenCredentialConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenCredential.class);
				assertThat(context).doesNotHaveBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME);
			});
	}

	@Test
	void backsOffWithoutACredential() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TokenCredential.class);
		});
	}

	// azure-core is a signed jar: loading any class of it makes the JVM verify the jar's
	// signature, a startup cost only an application with a credential needs
	@Test
	void asksForNoClassOfAzureCoreWithoutACredential() {
		Set<String> requested = ConcurrentHashMap.newKeySet();
		FilteredClassLoader recording = new FilteredClassLoader((name) -> {
			requested.add(name);
			return false;
		});
		this.contextRunner.withClassLoader(recording).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(IdentityAzureCoreAutoConfiguration.class);
			assertThat(requested).isNotEmpty().noneMatch((name) -> name.startsWith("com.azure."));
		});
	}

	@Test
	void backsOffWithoutAzureCore() {
		this.contextRunner.withClassLoader(withoutJar("com.azure.core"))
			.withUserConfiguration(OwnCredentialConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME);
			});
	}

	@Test
	void backsOffWithoutTheAzureCoreModule() {
		this.contextRunner.withClassLoader(withoutJar("io.github.entraidentity.azure"))
			.withUserConfiguration(OwnCredentialConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME);
			});
	}

	@Test
	void createsOneQualifiedTokenCredentialPerNamedCredential() {
		this.contextRunner.withPropertyValues(partner()).withPropertyValues(sovereign()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME);
			NamedCredentials named = context.getBean(NamedCredentials.class);
			assertThat(context.getBean("partnerTokenCredential")).isInstanceOfSatisfying(AzureCoreTokenCredential.class,
					(sdk) -> assertThat(sdk.credential()).isSameAs(named.get("partner")));
			assertThat(context.getBean("sovereignTokenCredential")).isInstanceOfSatisfying(
					AzureCoreTokenCredential.class,
					(sdk) -> assertThat(sdk.credential()).isSameAs(named.get("sovereign")));
		});
	}

	@Test
	void namedTokenCredentialsLeaveTheUnnamedOneTheOnlyDefaultCandidate() {
		this.contextRunner.withPropertyValues(unnamed()).withPropertyValues(partner()).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("partnerTokenCredential");
			assertThat(context.getBean(TokenCredential.class))
				.isSameAs(context.getBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME));
		});
	}

	@Test
	void keepsNamedTokenCredentialsWhenTheApplicationDefinesATokenCredential() {
		this.contextRunner.withPropertyValues(unnamed())
			.withPropertyValues(partner())
			.withUserConfiguration(OwnTokenCredentialConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(IdentityAzureCoreAutoConfiguration.BEAN_NAME)
					.hasBean("partnerTokenCredential");
				assertThat(context.getBean(TokenCredential.class)).isSameAs(context.getBean("ownTokenCredential"));
			});
	}

	@Test
	void backsOffFromANamedTokenCredentialThatTheApplicationDefines() {
		this.contextRunner.withPropertyValues(partner())
			.withPropertyValues(sovereign())
			.withUserConfiguration(OwnPartnerTokenCredentialConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("partnerTokenCredential")).isNotInstanceOf(AzureCoreTokenCredential.class);
				assertThat(context.getBean("sovereignTokenCredential")).isInstanceOf(AzureCoreTokenCredential.class);
			});
	}

	@Test
	void createsNoNamedTokenCredentialWhenCredentialsAreDisabled() {
		this.contextRunner.withPropertyValues(partner())
			.withPropertyValues("identity.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TokenCredential.class));
	}

	@Test
	void createsNoNamedTokenCredentialWithoutTheAzureCoreModule() {
		this.contextRunner.withClassLoader(withoutJar("io.github.entraidentity.azure"))
			.withPropertyValues(partner())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("partnerCredential")
				.doesNotHaveBean("partnerTokenCredential"));
	}

	// A package as absent as a jar that is not on the class path: neither its classes nor
	// their class files are found (the auto-configuration looks for the files)
	private static FilteredClassLoader withoutJar(String packageName) {
		String path = packageName.replace('.', '/') + "/";
		return new FilteredClassLoader((name) -> name.startsWith(packageName + ".") || name.startsWith(path));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPartnerTokenCredentialConfiguration {

		@Bean
		TokenCredential partnerTokenCredential() {
			return (request) -> Mono.<AccessToken>empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCredentialConfiguration {

		@Bean(destroyMethod = "close")
		ClientSecretCredential ownCredential() {
			return new ClientSecretCredential("own-tenant", "own-client", "own-secret");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTokenCredentialConfiguration {

		@Bean
		TokenCredential ownTokenCredential() {
			return (request) -> Mono.<AccessToken>empty();
		}

	}

}
