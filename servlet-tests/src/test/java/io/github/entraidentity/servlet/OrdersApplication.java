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

package io.github.entraidentity.servlet;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC application as users write one: it injects the starter's credential and
 * calls a protected API through a {@code RestClient} from Boot's builder with
 * {@link BearerTokenInterceptor}.
 *
 * @author Entra Identity contributors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OrdersApplication {

	static final String SCOPE = "api://orders/.default";

	@Bean
	RestClient ordersApi(RestClient.Builder builder, ClientSecretCredential credential,
			@Value("${orders-api.url}") String url) {
		// CAE on: the API sends claims challenges, and the token that answers one is then
		// served from the cache.
		return builder.baseUrl(url)
			.requestInterceptor(BearerTokenInterceptor.of(credential, SCOPE).withCaeEnabled(true))
			.build();
	}

	// Registered as a member class of this configuration
	@RestController
	static class OrdersController {

		private final RestClient ordersApi;

		OrdersController(RestClient ordersApi) {
			this.ordersApi = ordersApi;
		}

		@GetMapping("/orders")
		String orders() {
			return this.ordersApi.get().uri("/orders").retrieve().body(String.class);
		}

		@GetMapping("/thread")
		String thread() {
			return Thread.currentThread().toString();
		}

	}

}
