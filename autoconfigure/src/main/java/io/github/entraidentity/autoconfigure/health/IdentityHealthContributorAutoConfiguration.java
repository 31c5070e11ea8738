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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.entraidentity.autoconfigure.ClientSecretCredentialBuilderCustomizer;
import io.github.entraidentity.autoconfigure.CredentialProperties;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityProperties;
import io.github.entraidentity.autoconfigure.NamedClientSecretCredentials;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code identity} health indicator, enabled by
 * {@code management.health.identity.enabled} (on by default), for the application's
 * credential bean, whether auto-configured or defined by the application. With named
 * credentials ({@code identity.credentials.<name>.*}) it is a composite with one
 * indicator per credential, {@code default} being the unnamed one.
 * <p>
 * It binds {@code identity.health.*} itself: an application that defines its own
 * credential may run without {@code spring-boot-http-client}, where
 * {@link IdentityAutoConfiguration} backs off and binds nothing.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
		ClientSecretCredential.class })
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("identity")
	@ConditionalOnSingleCandidate(ClientSecretCredential.class)
	@ConditionalOnMissingBean(NamedClientSecretCredentials.class)
	static class IdentityHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "identityHealthIndicator", "identityHealthContributor" })
		IdentityHealthIndicator identityHealthIndicator(ClientSecretCredential credential,
				IdentityProperties properties) {
			return indicator(credential, properties.getHealth());
		}

	}

	/**
	 * With named credentials, {@code identity} is a composite of one indicator per
	 * credential: {@code /actuator/health/identity/<name>}, and
	 * {@code /actuator/health/identity/default} for the unnamed one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("identity")
	@ConditionalOnBean(NamedClientSecretCredentials.class)
	static class IdentityCompositeHealthContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "identityHealthIndicator", "identityHealthContributor" })
		CompositeReactiveHealthContributor identityHealthContributor(NamedClientSecretCredentials named,
				ObjectProvider<ClientSecretCredential> unnamed, IdentityProperties properties) {
			Map<String, IdentityHealthIndicator> indicators = new LinkedHashMap<>();
			ClientSecretCredential credential = unnamed.getIfUnique();
			if (credential != null) {
				indicators.put(ClientSecretCredentialBuilderCustomizer.UNNAMED,
						indicator(credential, properties.getHealth()));
			}
			named.asMap()
				.forEach((name, namedCredential) -> indicators.put(name,
						indicator(namedCredential, properties.getCredentials().get(name).getHealth())));
			return CompositeReactiveHealthContributor.fromMap(indicators);
		}

	}

	private static IdentityHealthIndicator indicator(ClientSecretCredential credential,
			CredentialProperties.Health health) {
		return new IdentityHealthIndicator(credential, health.getScopes(), health.getTimeout());
	}

}
