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

import io.github.entraidentity.autoconfigure.CredentialBuilderCustomizer;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.metrics.CredentialTaggedObservationConvention;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of the credential's Micrometer metrics that the credential records
 * itself: the {@code identity.token.cache} and {@code identity.token.fetch.retries}
 * counters, and the {@code identity.token.fetch} timer when the application has no
 * {@link ObservationRegistry} of its own.
 * <p>
 * It only contributes {@link CredentialBuilderCustomizer}s, so it runs before
 * {@link IdentityAutoConfiguration} and does not depend on a credential bean: an
 * application that defines its own credential can apply the same customizers to its
 * builder. The {@code identity.token.expiry} gauge reads a credential bean and comes from
 * {@link IdentityTokenExpiryMetricsAutoConfiguration}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = IdentityAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, EntraCredential.class })
@ConditionalOnBean(MeterRegistry.class)
public final class IdentityMetricsAutoConfiguration {

	// Lazy: the counters are registered once a credential is built with the customizer,
	// so that an application's own credential without it shows no meters that never move
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	IdentityTokenMetrics identityTokenMetrics(MeterRegistry meterRegistry) {
		return new IdentityTokenMetrics(meterRegistry);
	}

	@Bean
	CredentialBuilderCustomizer identityTokenMetricsCustomizer(ObjectProvider<IdentityTokenMetrics> metrics,
			MeterRegistry meterRegistry) {
		// Named credentials get counters of their own, told apart by the credential tag
		return (credentialName, builder) -> builder.eventListener(EntraCredentials.DEFAULT.equals(credentialName)
				? metrics.getObject() : new IdentityTokenMetrics(meterRegistry, credentialName));
	}

	/**
	 * Times token requests with a private observation registry when the application has
	 * none, so that the {@code identity.token.fetch} timer exists in any
	 * {@link MeterRegistry}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ObservationRegistry.class)
	static class MeterObservationConfiguration {

		@Bean
		CredentialBuilderCustomizer identityTokenFetchTimerCustomizer(MeterRegistry meterRegistry) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return (credentialName, builder) -> builder.observationRegistry(registry)
				.observationConvention(new CredentialTaggedObservationConvention(null, credentialName));
		}

	}

}
