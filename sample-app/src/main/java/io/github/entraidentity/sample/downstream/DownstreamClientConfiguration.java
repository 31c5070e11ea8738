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

package io.github.entraidentity.sample.downstream;

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.sample.SampleProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link WebClient} that calls the protected downstream API with a bearer token from
 * the credential, and its schedule.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamClientConfiguration {

	@Bean
	WebClient downstreamWebClient(WebClient.Builder webClientBuilder, EntraCredential credential,
			SampleProperties properties) {
		return webClientBuilder.clone().filter(BearerTokenFilter.of(credential, properties.scope())).build();
	}

	@Bean
	DownstreamClient downstreamClient(@Qualifier("downstreamWebClient") WebClient downstreamWebClient,
			EntraCredential credential, SampleProperties properties, Environment environment) {
		return new DownstreamClient(downstreamWebClient, credential, properties, environment);
	}

	@Bean
	@ConditionalOnProperty(name = "sample.downstream.schedule", havingValue = "true", matchIfMissing = true)
	DownstreamCallSchedule downstreamCallSchedule(DownstreamClient downstreamClient, SampleProperties properties) {
		return new DownstreamCallSchedule(downstreamClient, properties.downstream().interval());
	}

}
