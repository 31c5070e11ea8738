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

package io.github.entraidentity.autoconfigure.observation;

import io.github.entraidentity.autoconfigure.CredentialBuilderCustomizer;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.observation.TokenFetchObservationConvention;
import io.github.entraidentity.metrics.CredentialTaggedObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that observes each token request as {@code identity.token.fetch}
 * with the application's {@link ObservationRegistry}: a timer with Micrometer metrics, a
 * span with tracing.
 * <p>
 * It only contributes a {@link CredentialBuilderCustomizer}, so it runs before
 * {@link IdentityAutoConfiguration} and does not depend on a credential bean: an
 * application that defines its own credential can apply the same customizer to its
 * builder.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = IdentityAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, EntraCredential.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class IdentityObservationAutoConfiguration {

	@Bean
	CredentialBuilderCustomizer identityObservationCustomizer(ObservationRegistry observationRegistry,
			ObjectProvider<TokenFetchObservationConvention> convention) {
		// Every credential's timer has the credential and credential.type tags, so that
		// meters of one name share their tag keys (Prometheus requires it)
		return (credentialName, builder) -> builder.observationRegistry(observationRegistry)
			.observationConvention(new CredentialTaggedObservationConvention(convention.getIfAvailable(),
					credentialName, builder.credentialType()));
	}

}
