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

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test library ({@code entra-identity-test}) on the test class path of a Spring MVC
 * application, in a {@code @SpringBootTest} with {@code @AutoConfigureEntraEmulator}: the
 * application's {@code RestClient} and {@code WebClient} keep the HTTP client they have
 * in production, the JDK's (a Spring MVC application with the starter has no other), and
 * the protected API sees that client.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEntraEmulator
class TestLibraryHttpClientTests {

	@RegisterExtension
	static WireMockExtension api = ProtectedOrdersApi.server();

	@Autowired
	private ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder;

	@Autowired
	private HttpClientSettings httpClientSettings;

	@Autowired
	private ClientHttpConnectorBuilder<?> connectorBuilder;

	@Autowired
	private EntraEmulator entra;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void ordersApi(DynamicPropertyRegistry registry) {
		registry.add("orders-api.url", () -> api.getRuntimeInfo().getHttpsBaseUrl());
	}

	@Test
	void testLibraryBringsNoHttpClientLibraryThatBootWouldPreferOverTheJdkClient() {
		for (String client : List.of("reactor.netty.http.client.HttpClient", "org.eclipse.jetty.client.HttpClient",
				"org.apache.hc.client5.http.impl.async.HttpAsyncClients")) {
			assertThat(ClassUtils.isPresent(client, getClass().getClassLoader())).as(client).isFalse();
		}
	}

	@Test
	void restClientKeepsTheJdkClientOfProduction() {
		assertThat(this.requestFactoryBuilder.build(this.httpClientSettings))
			.isInstanceOf(JdkClientHttpRequestFactory.class);
	}

	@Test
	void webClientKeepsTheJdkConnectorOfProduction() {
		assertThat(this.connectorBuilder.build()).isInstanceOf(JdkClientHttpConnector.class);
	}

	@Test
	void protectedApiIsCalledByTheJdkClientWithATokenOfTheEmulator() {
		api.stubFor(get("/orders").willReturn(okJson(ProtectedOrdersApi.ORDERS)));
		String orders = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/orders")
			.retrieve()
			.body(String.class);
		assertThat(orders).isEqualTo(ProtectedOrdersApi.ORDERS);
		api.verify(getRequestedFor(urlEqualTo("/orders")).withHeader("User-Agent", matching("Java-http-client/.*"))
			.withHeader("Authorization", equalTo("Bearer " + this.entra.lastIssuedToken().accessToken())));
	}

}
