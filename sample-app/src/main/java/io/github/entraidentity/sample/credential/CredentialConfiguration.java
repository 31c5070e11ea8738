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

import io.github.entraidentity.autoconfigure.CredentialBuilderCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Credential wiring of the sample app: the starter creates the credential from
 * {@code identity.*}; this adds a listener that keeps the recent token requests for the
 * status page.
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

	@Bean
	CredentialBuilderCustomizer recentFetchesCustomizer(RecentFetches recentFetches) {
		return (credentialName, builder) -> builder.eventListener(recentFetches);
	}

}
