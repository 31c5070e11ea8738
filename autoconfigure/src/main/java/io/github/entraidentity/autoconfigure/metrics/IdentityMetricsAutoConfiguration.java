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
import io.github.entraidentity.metrics.CredentialTypeTag;
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

/**
 * Auto-configuration of the credential's Micrometer metrics that the credential records
 * itself: the counters of {@link IdentityTokenMetrics} (such as
 * {@code identity.token.cache} and {@code identity.token.fetch.retries}), and the
 * {@code identity.token.fetch} timer when the application has no
 * {@link ObservationRegistry} of its own, all tagged with the credential's name and type.
 * An application's own {@link IdentityTokenMetrics} bean counts for the unnamed
 * credential; it must be created with that credential's class (startup fails otherwise).
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

	@Bean
	CredentialBuilderCustomizer identityTokenMetricsCustomizer(ObjectProvider<IdentityTokenMetrics> applicationMetrics,
			MeterRegistry meterRegistry) {
		// Counters are registered when a credential is built with this customizer, so
		// that an application's own credential without it shows no meters that never move
		return (credentialName, builder) -> builder
			.eventListener(tokenMetrics(credentialName, builder.credentialType(), applicationMetrics, meterRegistry));
	}

	// Every credential gets counters of its own, told apart by the credential tag; an
	// application's own bean counts for the unnamed credential if it has that
	// credential's type
	private static IdentityTokenMetrics tokenMetrics(String credentialName,
			Class<? extends EntraCredential> credentialType, ObjectProvider<IdentityTokenMetrics> applicationMetrics,
			MeterRegistry meterRegistry) {
		IdentityTokenMetrics metrics = EntraCredentials.DEFAULT.equals(credentialName)
				? applicationMetrics.getIfAvailable() : null;
		if (metrics == null) {
			return new IdentityTokenMetrics(meterRegistry, credentialName, credentialType);
		}
		String type = CredentialTypeTag.valueFor(credentialType);
		if (!metrics.credentialType().equals(type)) {
			String name = credentialType.getSimpleName();
			throw new IllegalStateException("The application's IdentityTokenMetrics bean tags the unnamed"
					+ " credential's counters with " + CredentialTypeTag.KEY + "=" + metrics.credentialType()
					+ ", but that credential is a " + name + " (" + type + "): create the bean with new"
					+ " IdentityTokenMetrics(meterRegistry, " + name + ".class), or remove it");
		}
		return metrics;
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
				.observationConvention(
						new CredentialTaggedObservationConvention(null, credentialName, builder.credentialType()));
		}

	}

}
