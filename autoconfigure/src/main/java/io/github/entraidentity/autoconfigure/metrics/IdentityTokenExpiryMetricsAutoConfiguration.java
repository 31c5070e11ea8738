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

package io.github.entraidentity.autoconfigure.metrics;

import java.time.Clock;

import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityProperties;
import io.github.entraidentity.autoconfigure.NamedClientSecretCredentials;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.metrics.TokenExpiryMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code identity.token.expiry} gauge for the application's
 * credential bean, whether auto-configured or defined by the application, and for each
 * named credential.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ClientSecretCredential.class })
@ConditionalOnBean(MeterRegistry.class)
public final class IdentityTokenExpiryMetricsAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(ClientSecretCredential.class)
	@ConditionalOnMissingBean
	TokenExpiryMeterBinder identityTokenExpiryMeterBinder(ObjectProvider<ClientSecretCredential> credential) {
		// Read lazily: binding happens while the MeterRegistry is set up, and the
		// auto-configured credential's metrics customizer needs that registry
		return new TokenExpiryMeterBinder(credential::getIfAvailable, Clock.systemUTC());
	}

	/**
	 * One gauge per named credential, told apart by the {@code credential} tag.
	 * @param properties the properties naming the credentials
	 * @param named the named credentials, read when a gauge is sampled
	 * @return a binder of their gauges
	 */
	@Bean
	@ConditionalOnBean(NamedClientSecretCredentials.class)
	MeterBinder identityNamedTokenExpiryMeterBinder(IdentityProperties properties,
			ObjectProvider<NamedClientSecretCredentials> named) {
		// Names from the properties, credentials read lazily: binding happens while the
		// MeterRegistry is set up, and building the credentials needs that registry
		return (registry) -> properties.getCredentials()
			.keySet()
			.forEach((name) -> new TokenExpiryMeterBinder(() -> credential(named, name), Clock.systemUTC(), name)
				.bindTo(registry));
	}

	private static @Nullable ClientSecretCredential credential(ObjectProvider<NamedClientSecretCredentials> named,
			String name) {
		NamedClientSecretCredentials credentials = named.getIfAvailable();
		return (credentials != null) ? credentials.asMap().get(name) : null;
	}

}
