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

import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.metrics.TokenExpiryMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code identity.token.expiry} gauge for every credential in
 * {@link EntraCredentials}, whether auto-configured or defined by the application, told
 * apart by the {@code credential} tag. An application's own
 * {@link TokenExpiryMeterBinder} bean replaces them.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, EntraCredential.class })
@ConditionalOnBean(MeterRegistry.class)
public final class IdentityTokenExpiryMetricsAutoConfiguration {

	/**
	 * One gauge per credential.
	 * @param credentials the credentials, read when the gauges are bound
	 * @return a binder of their gauges
	 */
	@Bean
	@ConditionalOnBean(EntraCredentials.class)
	@ConditionalOnMissingBean(value = TokenExpiryMeterBinder.class, name = "identityTokenExpiryMeterBinder")
	MeterBinder identityTokenExpiryMeterBinder(ObjectProvider<EntraCredentials> credentials) {
		// Read when bound, not when this bean is created: the credentials' metrics
		// customizer needs the MeterRegistry that binding happens for
		return (registry) -> credentials.getObject()
			.asMap()
			.forEach((name, credential) -> new TokenExpiryMeterBinder(() -> credential, Clock.systemUTC(), name)
				.bindTo(registry));
	}

}
