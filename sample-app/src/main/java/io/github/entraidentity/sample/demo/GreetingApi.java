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
package io.github.entraidentity.sample.demo;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The demo API as a declarative HTTP service client. Nothing in Java gives it a token:
 * {@code identity.service-clients.demo.scopes} in {@code application.yml} makes every
 * client of the {@code demo} group carry one, and
 * {@code spring.http.serviceclient.demo.base-url} says where the API is.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@HttpExchange
public interface GreetingApi {

	/**
	 * Get the demo API's greeting.
	 * @return the greeting, with the tenant and audience of the token the API saw
	 */
	@GetExchange(DemoApiConfiguration.GREETING_PATH)
	Mono<Map<String, Object>> greeting();

}
