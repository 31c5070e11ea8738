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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.MethodMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter, unchanged, in a Spring MVC application on Tomcat: the credential bean, a
 * {@code RestClient} with {@code BearerTokenInterceptor} calling a claims-challenging
 * API, {@code /actuator/health/identity} and the token metrics.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServletApplicationTests {

	@RegisterExtension
	static WireMockExtension entra = ProtectedOrdersApi.server();

	@RegisterExtension
	static WireMockExtension api = ProtectedOrdersApi.server();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		ProtectedOrdersApi.register(registry, entra, api);
	}

	@BeforeEach
	void stubEntraAndApi() {
		ProtectedOrdersApi.stub(entra, api);
	}

	@Test
	void runsAsServletApplicationOnTomcatWithTheCredentialBean() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
		assertThat(this.context.getClass().getName()).contains("Servlet");
		assertThat(this.context.getBeanNamesForType(ClientSecretCredential.class)).hasSize(1);
		assertThat(localApp().get().uri("/thread").retrieve().body(String.class)).contains("http-nio");
	}

	@Test
	@DirtiesContext(methodMode = MethodMode.BEFORE_METHOD)
	void callsTheProtectedApiAndAnswersItsClaimsChallengeOnce() {
		assertThat(localApp().get().uri("/orders").retrieve().body(String.class)).isEqualTo(ProtectedOrdersApi.ORDERS);
		assertThat(localApp().get().uri("/orders").retrieve().body(String.class)).isEqualTo(ProtectedOrdersApi.ORDERS);
		entra.verify(2, postRequestedFor(urlEqualTo(ProtectedOrdersApi.TOKEN_PATH)));
		entra.verify(1, postRequestedFor(urlEqualTo(ProtectedOrdersApi.TOKEN_PATH)).withRequestBody(containing("nbf")));
		api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer tok-1")));
		api.verify(2, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer tok-2")));
	}

	@Test
	void reportsIdentityHealthAndTokenMetrics() {
		localApp().get().uri("/orders").retrieve().body(String.class);
		String health = localApp().get().uri("/actuator/health/identity").retrieve().body(String.class);
		assertThat(health).contains("\"status\":\"UP\"").doesNotContain("orders-secret").doesNotContain("tok-");
		String fetches = localApp().get().uri("/actuator/metrics/identity.token.fetch").retrieve().body(String.class);
		assertThat(fetches).contains("\"COUNT\"").doesNotContain("tok-");
		String cache = localApp().get().uri("/actuator/metrics/identity.token.cache").retrieve().body(String.class);
		assertThat(cache).contains("\"hit\"");
	}

	private RestClient localApp() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
