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

import java.util.function.Supplier;

import io.github.entraidentity.autoconfigure.ServiceClientTokens.GroupToken;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * Auto-configuration that gives the clients of HTTP service groups
 * ({@code @ImportHttpServices}) a bearer token from a credential, configured by
 * {@code identity.service-clients.<group>.*} alone (and only when one is set): every
 * {@code WebClient}-based client of such a group gets a {@link BearerTokenFilter}, every
 * {@code RestClient}-based one a {@link BearerTokenInterceptor} (both answer claims
 * challenges), and groups without an entry are left alone. The clients of a group with a
 * token never follow redirects (see {@link ServiceClientRedirects}): a redirect must not
 * take the token to another host. It contributes HTTP service group configurers that
 * Spring Boot's HTTP service client auto-configuration applies with its own.
 * <p>
 * The configurers need no credential: each client gets the group's filter or interceptor
 * from its first request on, so that the groups can be read (to report a group that no
 * {@code @ImportHttpServices} declares) before the credentials exist.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration" })
@ConditionalOnClass({ HttpServiceProxyRegistry.class, EntraCredential.class })
@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
@Conditional(OnServiceClientsCondition.class)
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityHttpServiceClientAutoConfiguration {

	@Bean(ServiceClientTokens.BEAN_NAME)
	ServiceClientTokens identityServiceClientTokens(IdentityProperties properties,
			ObjectProvider<EntraCredentials> credentials, ObjectProvider<HttpServiceProxyRegistry> registry,
			ObjectProvider<IdentityConfigurationCheck> check) {
		// The check reports every problem of the configuration at once, before any of
		// these
		check.getIfAvailable();
		return new ServiceClientTokens(properties, credentials, registry);
	}

	private static boolean isConfigured(IdentityProperties properties, HttpServiceGroup group) {
		return properties.getServiceClients().containsKey(group.name());
	}

	private static Supplier<GroupToken> token(ObjectProvider<ServiceClientTokens> tokens, HttpServiceGroup group) {
		return () -> {
			GroupToken token = tokens.getObject().get(group.name());
			if (token == null) {
				throw new IllegalStateException("No token is configured for HTTP service group " + group.name());
			}
			return token;
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroupsConfiguration {

		@Bean
		WebClientHttpServiceGroupConfigurer identityWebClientHttpServiceGroupConfigurer(IdentityProperties properties,
				ObjectProvider<ServiceClientTokens> tokens) {
			return (groups) -> groups.filter((group) -> isConfigured(properties, group))
				.forEachClient((group, builder) -> {
					Supplier<GroupToken> token = token(tokens, group);
					SingletonSupplier<BearerTokenFilter> filter = SingletonSupplier.of(() -> token.get().filter());
					builder.filter((request, next) -> filter.obtain().filter(request, next));
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientGroupsConfiguration {

		@Bean
		RestClientHttpServiceGroupConfigurer identityRestClientHttpServiceGroupConfigurer(IdentityProperties properties,
				ObjectProvider<ServiceClientTokens> tokens) {
			return (groups) -> groups.filter((group) -> isConfigured(properties, group))
				.forEachClient((group, builder) -> {
					Supplier<GroupToken> token = token(tokens, group);
					SingletonSupplier<BearerTokenInterceptor> interceptor = SingletonSupplier
						.of(() -> token.get().interceptor());
					builder.requestInterceptor(
							(request, body, execution) -> interceptor.obtain().intercept(request, body, execution));
				});
		}

	}

	/**
	 * Rebuilds the client of each group that carries a token, from the group's settings
	 * without following redirects, right after Spring Boot built it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServiceClientProperties.class, HttpClientSettings.class })
	static class RedirectsConfiguration {

		@Bean(ServiceClientRedirects.BEAN_NAME)
		ServiceClientRedirects identityServiceClientRedirects(IdentityProperties identityProperties,
				ObjectProvider<HttpServiceClientProperties> properties, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<HttpClientSettings> applicationSettings) {
			// The groups configured, not their tokens: the clients are built before the
			// credentials exist
			return new ServiceClientRedirects(identityProperties.getServiceClients().keySet(),
					properties.getIfAvailable(), sslBundles.getIfAvailable(), applicationSettings.getIfAvailable());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ WebClientHttpServiceGroupConfigurer.class, ClientHttpConnectorBuilder.class })
		static class WebClientRedirectsConfiguration {

			@Bean
			WebClientHttpServiceGroupConfigurer identityWebClientRedirectsConfigurer(ServiceClientRedirects redirects,
					ObjectProvider<ClientHttpConnectorBuilder<?>> connectors, ResourceLoader resourceLoader) {
				// As Spring Boot's own configurer finds the connector
				ClientHttpConnectorBuilder<?> connector = connectors
					.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
				return new WebClientHttpServiceGroupConfigurer() {

					@Override
					public void configureGroups(Groups<WebClient.Builder> groups) {
						redirects.rebuildClients(groups,
								(builder, settings) -> builder.clientConnector(connector.build(settings)));
					}

					@Override
					public int getOrder() {
						return ServiceClientRedirects.ORDER;
					}

				};
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ RestClientHttpServiceGroupConfigurer.class, ClientHttpRequestFactoryBuilder.class })
		static class RestClientRedirectsConfiguration {

			@Bean
			RestClientHttpServiceGroupConfigurer identityRestClientRedirectsConfigurer(ServiceClientRedirects redirects,
					ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factories, ResourceLoader resourceLoader) {
				// As Spring Boot's own configurer finds the request factory
				ClientHttpRequestFactoryBuilder<?> factory = factories
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
				return new RestClientHttpServiceGroupConfigurer() {

					@Override
					public void configureGroups(Groups<RestClient.Builder> groups) {
						redirects.rebuildClients(groups,
								(builder, settings) -> builder.requestFactory(factory.build(settings)));
					}

					@Override
					public int getOrder() {
						return ServiceClientRedirects.ORDER;
					}

				};
			}

		}

	}

}
