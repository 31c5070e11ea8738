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

import java.util.List;

import io.github.entraidentity.autoconfigure.ConfiguredCredential.Setting;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.autoconfigure.TokenWebClientFactory.TokenWebClient;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

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
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for a Microsoft Entra ID {@link ClientSecretCredential} configured
 * by the {@code identity.*} properties or the Azure SDK's {@code AZURE_*} environment
 * variables.
 * <p>
 * Without any credential property the auto-configuration backs off quietly; incomplete or
 * invalid properties fail startup with a report that names each of them. Token requests
 * use a {@link WebClient} of their own, not the application's {@link WebClient.Builder}:
 * the application's connector kind, timeouts, SSL bundle and observation registry apply,
 * its filters and customizers do not (see {@link TokenWebClientFactory}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
	@Conditional(OnConfiguredCredentialCondition.class)
	ClientSecretCredential clientSecretCredential(IdentityProperties properties, Environment environment,
			ResourceLoader resourceLoader, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention,
			ObjectProvider<ClientSecretCredentialBuilderCustomizer> customizers) {
		ConfiguredCredential credential = ConfiguredCredential.resolve(properties, environment);
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		new IdentityPropertiesValidator(sslBundles.getIfAvailable(), connectors).validate(properties, credential);
		TokenWebClient tokenClient = new TokenWebClientFactory(connectors, httpClientSettings.getIfAvailable(),
				sslBundles.getIfAvailable(), observationRegistry.getIfAvailable(),
				observationConvention.getIfAvailable())
			.create(properties);
		ClientSecretCredential.Builder builder = ClientSecretCredential.builder()
			.tenantId(credential.tenantId().value())
			.clientId(credential.clientId().value())
			.clientSecret(credential.clientSecret().value())
			.authority(authority(credential.authority()))
			.additionallyAllowedTenants(properties.getAdditionallyAllowedTenants())
			.webClient(tokenClient.webClient(), tokenClient.resources())
			.connectTimeout(properties.getHttp().getConnectTimeout())
			.responseTimeout(properties.getHttp().getResponseTimeout())
			.maxRetries(properties.getHttp().getMaxRetries())
			.maxResponseBytes(TokenWebClientFactory.MAX_RESPONSE_BYTES);
		IdentityProperties.Persistence persistence = properties.getCache().getPersistence();
		if (persistence.isEnabled()) {
			builder.cachePersistenceOptions(persistenceOptions(persistence));
		}
		try {
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (RuntimeException ex) {
			tokenClient.closeQuietly();
			if (!(ex instanceof IllegalArgumentException)) {
				throw ex;
			}
			throw new InvalidIdentityPropertiesException(List
				.of(new InvalidIdentityProperty("identity.*", "is rejected by the credential: " + ex.getMessage(),
						"Review the identity.* properties and any ClientSecretCredentialBuilderCustomizer beans.")));
		}
	}

	private static String authority(@Nullable Setting authority) {
		return (authority != null && authority.value() != null) ? authority.value()
				: AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
	}

	private static TokenCachePersistenceOptions persistenceOptions(IdentityProperties.Persistence persistence) {
		TokenCachePersistenceOptions.Builder options = TokenCachePersistenceOptions.builder()
			.name(persistence.getName())
			.allowUnencryptedStorage(persistence.isAllowUnencryptedStorage());
		if (persistence.getDirectory() != null) {
			options.directory(persistence.getDirectory());
		}
		if (persistence.getKey() != null) {
			options.encryptionKey(IdentityPropertiesValidator.decodeKey(persistence.getKey()));
		}
		if (persistence.getKeyFile() != null) {
			options.encryptionKeyFile(persistence.getKeyFile());
		}
		return options.build();
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
