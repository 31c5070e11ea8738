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

package io.github.entraidentity.starter;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC application with nothing but the starter (no
 * {@code spring-boot-starter-restclient} of its own) and two HTTP service groups
 * configured in properties alone, as the README shows: the {@code RestClient} group (the
 * default client type) and the {@code WebClient} group get their base URL from
 * {@code spring.http.serviceclient.<group>.base-url} and a bearer token from
 * {@code identity.service-clients.<group>}.
 *
 * @author Entra Identity contributors
 */
class HttpServiceGroupsFromPropertiesTests {

	@RegisterExtension
	static WireMockExtension server = TestTls.httpsWireMock();

	@Test
	void restClientGroupGetsItsBaseUrlFromPropertiesAndAToken() {
		stubEntraAndApi("orders-token", "/orders/42");
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(OrdersApi.class).order("42")).contains("order 42");
		}
		server.verify(
				getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer orders-token")));
	}

	@Test
	void webClientGroupGetsItsBaseUrlFromPropertiesAndAToken() {
		stubEntraAndApi("inventory-token", "/items/7");
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(InventoryApi.class).item("7").block(Duration.ofSeconds(30))).contains("item 7");
		}
		server.verify(
				getRequestedFor(urlEqualTo("/items/7")).withHeader("Authorization", equalTo("Bearer inventory-token")));
	}

	private static void stubEntraAndApi(String token, String path) {
		server.stubFor(
				post(urlPathMatching("/app-tenant/oauth2/v2.0/token")).willReturn(TokenResponses.token(token, 3600)));
		server.stubFor(get(path).willReturn(okJson("\"" + path.substring(1).replace("s/", " ") + "\"")));
	}

	private static ConfigurableApplicationContext start() {
		String url = server.getRuntimeInfo().getHttpsBaseUrl();
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "identity.tenant-id=app-tenant",
					"identity.client-id=app-client", "identity.client-secret=app-secret", "identity.authority=" + url,
					"identity.service-clients.orders.scopes=api://orders/.default",
					"identity.service-clients.inventory.scopes=api://inventory/.default",
					"spring.http.serviceclient.orders.base-url=" + url,
					"spring.http.serviceclient.inventory.base-url=" + url, "spring.http.clients.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=" + TestTls.keystore().toUri(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "orders", types = OrdersApi.class)
	@ImportHttpServices(group = "inventory", types = InventoryApi.class, clientType = ClientType.WEB_CLIENT)
	static class App {

	}

	interface OrdersApi {

		@GetExchange("/orders/{id}")
		String order(@PathVariable String id);

	}

	interface InventoryApi {

		@GetExchange("/items/{id}")
		Mono<String> item(@PathVariable String id);

	}

}
