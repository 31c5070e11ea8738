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

import io.github.entraidentity.autoconfigure.ConfiguredCredential.Setting;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.autoconfigure.TokenWebClientFactory.TokenWebClient;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
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
		List<InvalidIdentityProperty> problems = new ArrayList<>(
				new IdentityPropertiesValidator(sslBundles.getIfAvailable(), connectors).validate(properties));
		CredentialSettingSources sources = new CredentialSettingSources(credential);
		ClientSecretCredential.Builder builder = ClientSecretCredential.builder()
			.environment(environment::getProperty)
			.additionallyAllowedTenants(properties.getAdditionallyAllowedTenants())
			.maxRetries(properties.getHttp().getMaxRetries())
			.maxResponseBytes(TokenWebClientFactory.MAX_RESPONSE_BYTES);
		configureCredential(builder, credential);
		configureTimeouts(builder, properties.getHttp());
		InvalidCredentialSettingsException report = null;
		IdentityProperties.Persistence persistence = properties.getCache().getPersistence();
		if (persistence.isEnabled()) {
			try {
				TokenCachePersistenceOptions options = persistenceOptions(persistence);
				if (options != null) {
					builder.cachePersistenceOptions(options);
				}
			}
			catch (InvalidCredentialSettingsException ex) {
				report = ex;
			}
		}
		try {
			builder.validate();
		}
		catch (InvalidCredentialSettingsException ex) {
			report = merge(report, ex);
		}
		if (report != null || !problems.isEmpty()) {
			List<InvalidIdentityProperty> all = new ArrayList<>();
			if (report != null) {
				all.addAll(sources.translate(report));
			}
			all.addAll(problems);
			throw new InvalidIdentityPropertiesException(all, report);
		}
		TokenWebClient tokenClient = new TokenWebClientFactory(connectors, httpClientSettings.getIfAvailable(),
				sslBundles.getIfAvailable(), observationRegistry.getIfAvailable(),
				observationConvention.getIfAvailable())
			.create(properties);
		builder.webClient(tokenClient.webClient(), tokenClient.resources());
		try {
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}
		catch (InvalidCredentialSettingsException ex) {
			tokenClient.closeQuietly();
			// A customizer made the settings invalid: still one report, by property.
			throw new InvalidIdentityPropertiesException(sources.translate(ex), ex);
		}
		catch (RuntimeException ex) {
			tokenClient.closeQuietly();
			throw ex;
		}
	}

	private static void configureCredential(ClientSecretCredential.Builder builder, ConfiguredCredential credential) {
		builder.tenantId(credential.tenantId().value())
			.clientId(credential.clientId().value())
			.clientSecret(credential.clientSecret().value());
		Setting authority = credential.authority();
		builder.authority((authority != null && authority.value() != null) ? authority.value()
				: AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
	}

	private static void configureTimeouts(ClientSecretCredential.Builder builder, IdentityProperties.Http http) {
		// An empty property binds to null: the credential's default then applies.
		if (http.getConnectTimeout() != null) {
			builder.connectTimeout(http.getConnectTimeout());
		}
		if (http.getResponseTimeout() != null) {
			builder.responseTimeout(http.getResponseTimeout());
		}
	}

	private static InvalidCredentialSettingsException merge(@Nullable InvalidCredentialSettingsException first,
			InvalidCredentialSettingsException second) {
		if (first == null) {
			return second;
		}
		List<InvalidSetting> problems = new ArrayList<>(second.problems());
		problems.addAll(first.problems());
		return new InvalidCredentialSettingsException(problems);
	}

	private static @Nullable TokenCachePersistenceOptions persistenceOptions(
			IdentityProperties.Persistence persistence) {
		TokenCachePersistenceOptions.Builder options = TokenCachePersistenceOptions.builder()
			.name(persistence.getName())
			.allowUnencryptedStorage(persistence.isAllowUnencryptedStorage());
		if (persistence.getDirectory() != null) {
			options.directory(persistence.getDirectory());
		}
		String key = persistence.getKey();
		if (key != null && IdentityPropertiesValidator.isBase64(key)) {
			options.encryptionKey(IdentityPropertiesValidator.decodeKey(key));
		}
		if (persistence.getKeyFile() != null) {
			options.encryptionKeyFile(persistence.getKeyFile());
		}
		TokenCachePersistenceOptions built = options.build();
		// A key that is not base64 is already reported; without it the credential would
		// also report a missing key.
		return (key == null || IdentityPropertiesValidator.isBase64(key)) ? built : null;
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
