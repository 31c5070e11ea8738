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

import com.azure.core.credential.TokenCredential;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.NamedCredentials;
import io.github.entraidentity.azure.AzureCoreTokenCredential;
import io.github.entraidentity.credential.EntraCredential;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of an Azure SDK {@link TokenCredential}, the bean
 * {@value #BEAN_NAME}, backed by the application's {@link EntraCredential} of any type
 * (auto-configured or its own), when {@code entra-identity-azure-core} is on the class
 * path and the application defines no {@code TokenCredential} of its own. SDK clients
 * built with it share the credential's cache, refresh, metrics and health.
 * <p>
 * Each named credential ({@code identity.credentials.<name>.*}) is a
 * {@code TokenCredential} too, the bean {@code <name>TokenCredential} injectable with
 * {@code @Qualifier("<name>")}. Like the named credential beans they are not default
 * candidates, so they neither answer an unqualified injection point nor count as the
 * application's own {@code TokenCredential}; an application that defines one keeps the
 * named ones.
 * <p>
 * It runs before Spring Cloud Azure's credential auto-configuration, whose default
 * credential is conditional on its bean name only: both exist then, and
 * {@code spring.cloud.azure.credential.token-credential-bean-name=identityTokenCredential}
 * (or {@code <name>TokenCredential}) makes Spring Cloud Azure's clients use this one.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class },
		beforeName = "com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration")
// Presence tested as resources, not classes: loading a class of azure-core, a signed jar,
// makes the JVM verify the jar's signature (about 250 classes of certificates, RSA and
// Unicode normalization), which an application without a credential should not pay
// at startup. Without a credential there is nothing to adapt, and the configuration
// backs off before Spring introspects its methods (which name azure-core's types).
@ConditionalOnResource(resources = { "classpath:com/azure/core/credential/TokenCredential.class",
		"classpath:io/github/entraidentity/azure/AzureCoreTokenCredential.class" })
@ConditionalOnBean(EntraCredentials.class)
public final class IdentityAzureCoreAutoConfiguration {

	/**
	 * Name of the {@code TokenCredential} bean.
	 */
	public static final String BEAN_NAME = "identityTokenCredential";

	@Bean(BEAN_NAME)
	@ConditionalOnSingleCandidate(EntraCredential.class)
	@ConditionalOnMissingBean(TokenCredential.class)
	AzureCoreTokenCredential identityTokenCredential(EntraCredential credential) {
		return AzureCoreTokenCredential.of(credential);
	}

	/**
	 * One {@code TokenCredential} per named credential (see
	 * {@link NamedTokenCredentials}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ EntraCredentials.class, NamedCredentials.class })
	@Import(NamedTokenCredentials.class)
	static class NamedTokenCredentialsConfiguration {

	}

}
