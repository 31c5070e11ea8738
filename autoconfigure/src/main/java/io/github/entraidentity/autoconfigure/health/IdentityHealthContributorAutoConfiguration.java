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

import io.github.entraidentity.autoconfigure.CredentialProperties;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityProperties;
import io.github.entraidentity.autoconfigure.NamedCredentials;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code identity} health indicator, enabled by
 * {@code management.health.identity.enabled} (on by default), for every credential in
 * {@link EntraCredentials}, whether auto-configured or defined by the application and
 * whatever its type. With named credentials ({@code identity.credentials.<name>.*}) it is
 * a composite with one indicator per credential, {@value EntraCredentials#DEFAULT} being
 * the unnamed one.
 * <p>
 * It binds {@code identity.health.*} itself: an application that defines its own
 * credential may run without {@code spring-boot-http-client}, where
 * {@link IdentityAutoConfiguration} backs off and binds nothing.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class })
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, EntraCredential.class })
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityHealthContributorAutoConfiguration {

	/**
	 * Without named credentials, {@code identity} is the unnamed credential's indicator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("identity")
	@ConditionalOnBean(EntraCredentials.class)
	@ConditionalOnMissingBean(NamedCredentials.class)
	static class IdentityHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "identityHealthIndicator", "identityHealthContributor" })
		IdentityHealthIndicator identityHealthIndicator(EntraCredentials credentials, IdentityProperties properties) {
			return indicator(EntraCredentials.DEFAULT, credentials.get(EntraCredentials.DEFAULT), properties);
		}

	}

	/**
	 * With named credentials, {@code identity} is a composite of one indicator per
	 * credential: {@code /actuator/health/identity/<name>}, and
	 * {@code /actuator/health/identity/default} for the unnamed one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("identity")
	@ConditionalOnBean({ EntraCredentials.class, NamedCredentials.class })
	static class IdentityCompositeHealthContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "identityHealthIndicator", "identityHealthContributor" })
		CompositeReactiveHealthContributor identityHealthContributor(EntraCredentials credentials,
				IdentityProperties properties) {
			Map<String, IdentityHealthIndicator> indicators = new LinkedHashMap<>();
			credentials.asMap()
				.forEach((name, credential) -> indicators.put(name, indicator(name, credential, properties)));
			return CompositeReactiveHealthContributor.fromMap(indicators);
		}

	}

	private static IdentityHealthIndicator indicator(String name, EntraCredential credential,
			IdentityProperties properties) {
		CredentialProperties named = properties.getCredentials().get(name);
		CredentialProperties.Health health = (named != null) ? named.getHealth() : properties.getHealth();
		return new IdentityHealthIndicator(credential, health.getScopes(), health.getTimeout());
	}

}
