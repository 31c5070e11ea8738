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

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for a Microsoft Entra ID {@link EntraCredential}, the bean
 * {@code defaultCredential} of the credential type configured (today a client secret),
 * configured by the {@code identity.*} properties or the Azure SDK's {@code AZURE_*}
 * environment variables, and for named credentials under
 * {@code identity.credentials.<name>.*}, each a bean {@code <name>Credential} injectable
 * with {@code @Qualifier("<name>")} (see {@link NamedCredentials}). Any
 * {@code EntraCredential} bean of the application, such as its own
 * {@code ClientSecretCredential}, replaces the unnamed one. {@link EntraCredentials}
 * holds them all by name.
 * <p>
 * Without any credential property the auto-configuration backs off quietly; incomplete or
 * invalid properties fail startup with one report that names each of them: what only Boot
 * can check (SSL bundle, proxy, connector) together with the credential's own
 * {@link InvalidCredentialSettingsException}, its builder settings translated into the
 * properties or environment variables they came from. {@code AZURE_*} variables that the
 * credential reads itself, such as {@code AZURE_IDENTITY_DISABLE_MULTITENANTAUTH}, come
 * from the Spring {@code Environment}. Token requests use a {@link WebClient} of their
 * own, not the application's {@link WebClient.Builder}: the application's connector kind,
 * timeouts, SSL bundle and observation registry apply, its filters and customizers do not
 * (see {@link TokenWebClientFactory}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
public final class IdentityAutoConfiguration {

	/**
	 * What the credentials need: their bound properties and the factory that builds them.
	 * Without any {@code identity.*} property or {@code AZURE_CLIENT_ID} none is
	 * configured, and neither is created.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
	@Conditional(OnIdentityConfigurationCondition.class)
	@EnableConfigurationProperties(IdentityProperties.class)
	static class CredentialFactoryConfiguration {

		@Bean(CredentialFactory.BEAN_NAME)
		CredentialFactory identityCredentialFactory(Environment environment, ResourceLoader resourceLoader,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<ClientRequestObservationConvention> observationConvention,
				ObjectProvider<ClientSecretCredentialBuilderCustomizer> customizers,
				ObjectProvider<CredentialBuilderCustomizer> sharedCustomizers) {
			return new CredentialFactory(environment, resourceLoader, connectorBuilder, httpClientSettings, sslBundles,
					observationRegistry, observationConvention, customizers, sharedCustomizers);
		}

	}

	/**
	 * The unnamed credential, {@code identity.*} (see
	 * {@link UnnamedCredentialRegistrar}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(EntraCredential.class)
	@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
	@Conditional(OnConfiguredCredentialCondition.class)
	@Import(UnnamedCredentialRegistrar.class)
	static class UnnamedCredentialConfiguration {

	}

	/**
	 * The named credentials, {@code identity.credentials.<name>.*}: one holder builds
	 * them all, and {@link NamedCredentialsRegistrar} registers each as a qualified bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
	@Conditional(OnNamedCredentialsCondition.class)
	@Import(NamedCredentialsRegistrar.class)
	static class NamedCredentialsConfiguration {

		@Bean(NamedCredentials.BEAN_NAME)
		NamedCredentials namedCredentials(IdentityProperties properties, CredentialFactory factory,
				ObjectProvider<IdentityConfigurationCheck> check) {
			// The check reports every problem of the configuration at once, before these
			check.getIfAvailable();
			return new NamedCredentials(properties.getCredentials(), factory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class IdentitySanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "identitySanitizingFunction")
		SanitizingFunction identitySanitizingFunction() {
			return new IdentitySanitizingFunction();
		}

	}

}
