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

package io.github.entraidentity.sample.credential;

import java.time.Duration;
import java.util.List;

import io.github.entraidentity.autoconfigure.health.IdentityHealthIndicator;
import io.github.entraidentity.autoconfigure.metrics.IdentityTokenMetrics;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Credential wiring of the sample app.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class CredentialConfiguration {

	@Bean
	RecentFetches recentFetches() {
		return new RecentFetches(10);
	}

	// TODO(auto-configuration): delete the two beans below once the starter's
	// auto-configuration creates the credential (from identity.*), its metrics and its
	// health indicator; register RecentFetches with it instead (it is a
	// CredentialEventListener bean).
	@Bean
	@ConditionalOnMissingBean
	ClientSecretCredential clientSecretCredential(Environment environment, WebClient.Builder webClientBuilder,
			RecentFetches recentFetches, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MeterRegistry> meterRegistry) {
		Binder binder = Binder.get(environment);
		ClientSecretCredential.Builder builder = ClientSecretCredential.builder()
			.tenantId(environment.getProperty("identity.tenant-id", ""))
			.clientId(environment.getProperty("identity.client-id", ""))
			.clientSecret(environment.getProperty("identity.client-secret", ""))
			.additionallyAllowedTenants(
					binder.bind("identity.additionally-allowed-tenants", Bindable.listOf(String.class))
						.orElse(List.of()))
			.webClient(webClientBuilder.clone().build())
			.eventListener(recentFetches);
		observationRegistry.ifAvailable(builder::observationRegistry);
		meterRegistry.ifAvailable((registry) -> builder.eventListener(new IdentityTokenMetrics(registry)));
		String authority = environment.getProperty("identity.authority");
		if (authority != null && !authority.isBlank()) {
			builder.authority(authority);
		}
		return builder.build();
	}

	@Bean
	IdentityHealthIndicator identityHealthIndicator(ClientSecretCredential credential, Environment environment) {
		List<String> scopes = Binder.get(environment)
			.bind("identity.health.scopes", Bindable.listOf(String.class))
			.orElse(List.of());
		return new IdentityHealthIndicator(credential, scopes, Duration.ofSeconds(10));
	}

}
