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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Declares the {@code demo} HTTP service group with its {@link GreetingApi} client, and
 * {@code GET /api/demo/via-http-interface}, which calls the demo API through that client.
 * Its token comes from {@code identity.service-clients.demo.*}, not from code.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "demo", types = GreetingApi.class, clientType = ClientType.WEB_CLIENT)
public class GreetingApiConfiguration {

	/**
	 * Path that calls the demo API through {@link GreetingApi}.
	 */
	public static final String VIA_HTTP_INTERFACE_PATH = "/api/demo/via-http-interface";

	@Bean
	RouterFunction<ServerResponse> greetingViaHttpInterfaceRoute(GreetingApi greetingApi) {
		return RouterFunctions.route()
			.GET(VIA_HTTP_INTERFACE_PATH,
					(request) -> greetingApi.greeting().flatMap((greeting) -> ServerResponse.ok().bodyValue(greeting)))
			.build();
	}

}
