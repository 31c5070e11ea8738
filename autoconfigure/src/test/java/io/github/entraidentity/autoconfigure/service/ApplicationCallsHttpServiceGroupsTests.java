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

package io.github.entraidentity.autoconfigure.service;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with two named credentials in two tenants and three HTTP service groups
 * ({@code inventory} on {@code WebClient}, {@code orders} on {@code RestClient},
 * {@code weather} without an entry), configured by {@code two-credentials.yml} alone
 * (plus WireMock's random port): each configured group's requests carry a token of the
 * right tenant for the right scope, the unconfigured group sends no {@code Authorization}
 * header, health shows each credential and actuator masks every named secret. WireMock
 * over HTTPS is both Entra ID and the APIs.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=two-credentials")
@DirtiesContext(classMode = ClassMode.BEFORE_EACH_TEST_METHOD)
class ApplicationCallsHttpServiceGroupsTests {

	static final String CONTOSO_SECRET = "contoso-Canary~Secret.11";

	static final String PARTNER_SECRET = "partner-Canary~Secret.22";

	@RegisterExtension
	static WireMockExtension server = TestTls.httpsWireMock();

	@DynamicPropertySource
	static void urls(DynamicPropertyRegistry registry) {
		String url = server.getRuntimeInfo().getHttpsBaseUrl();
		registry.add("identity.credentials.contoso.authority", () -> url);
		registry.add("identity.credentials.partner.authority", () -> url);
		for (String group : new String[] { "inventory", "orders", "weather" }) {
			registry.add("spring.http.serviceclient." + group + ".base-url", () -> url);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	InventoryApi inventory;

	@Autowired
	OrdersApi orders;

	@Autowired
	WeatherApi weather;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	@Qualifier("contoso")
	ClientSecretCredential contoso;

	@Autowired
	@Qualifier("partner")
	ClientSecretCredential partner;

	@BeforeEach
	void entraAndApis() {
		server.stubFor(post(urlEqualTo("/tenant-contoso/oauth2/v2.0/token"))
			.withRequestBody(containing("scope=api%3A%2F%2Finventory%2F.default"))
			.willReturn(TokenResponses.token("contoso-inventory-token", 3600)));
		server.stubFor(post(urlEqualTo("/tenant-partner/oauth2/v2.0/token"))
			.withRequestBody(containing("scope=api%3A%2F%2Forders%2F.default"))
			.willReturn(TokenResponses.token("partner-orders-token", 3600)));
		server.stubFor(post(urlEqualTo("/tenant-contoso/oauth2/v2.0/token"))
			.withRequestBody(containing("scope=api%3A%2F%2Fcontoso-health%2F.default"))
			.willReturn(TokenResponses.token("contoso-health-token", 3600)));
		server.stubFor(post(urlEqualTo("/tenant-partner/oauth2/v2.0/token"))
			.withRequestBody(containing("scope=api%3A%2F%2Fpartner-health%2F.default"))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		server.stubFor(get("/inventory/items").withHeader("Authorization", equalTo("Bearer contoso-inventory-token"))
			.willReturn(aResponse().withBody("items")));
		server.stubFor(get("/orders/open").withHeader("Authorization", equalTo("Bearer partner-orders-token"))
			.willReturn(aResponse().withBody("orders")));
		server.stubFor(get("/weather/today").willReturn(aResponse().withBody("sunny")));
	}

	@Test
	void eachGroupCarriesTheTokenOfItsCredentialForItsScopeWithCaeWhereEnabled() {
		assertThat(this.inventory.items().block(Duration.ofSeconds(30))).isEqualTo("items");
		assertThat(this.orders.open()).isEqualTo("orders");
		server.verify(1,
				postRequestedFor(urlEqualTo("/tenant-contoso/oauth2/v2.0/token"))
					.withRequestBody(containing("client_id=contoso-client"))
					.withRequestBody(containing("scope=api%3A%2F%2Finventory%2F.default")));
		server.verify(1,
				postRequestedFor(urlEqualTo("/tenant-partner/oauth2/v2.0/token"))
					.withRequestBody(containing("client_id=partner-client"))
					.withRequestBody(containing("scope=api%3A%2F%2Forders%2F.default"))
					.withRequestBody(containing("xms_cc")));
		server.verify(0, postRequestedFor(urlEqualTo("/tenant-contoso/oauth2/v2.0/token"))
			.withRequestBody(containing("xms_cc")));
	}

	@Test
	void metersOfEachCredentialCarryItsName() {
		assertThat(this.orders.open()).isEqualTo("orders");
		assertThat(this.meterRegistry.get("identity.token.fetch").tag("credential", "partner").timer().count())
			.isEqualTo(1);
		assertThat(this.meterRegistry.find("identity.token.fetch").tag("credential", "contoso").timer()).isNull();
		assertThat(this.meterRegistry.get("identity.token.cache")
			.tag("credential", "partner")
			.tag("result", "miss")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("identity.token.expiry").tag("credential", "partner").gauge().value())
			.isPositive();
		assertThat(this.meterRegistry.get("identity.token.expiry").tag("credential", "contoso").gauge().value())
			.isNaN();
	}

	@Test
	void groupWithoutServiceClientsEntrySendsNoAuthorizationHeader() {
		assertThat(this.weather.today().block(Duration.ofSeconds(30))).isEqualTo("sunny");
		server.verify(getRequestedFor(urlEqualTo("/weather/today")).withoutHeader("Authorization"));
	}

	@Test
	void qualifiedCredentialsAreTheNamedOnes() {
		assertThat(this.contoso.tenantId()).isEqualTo("tenant-contoso");
		assertThat(this.partner.tenantId()).isEqualTo("tenant-partner");
	}

	@Test
	void healthShowsEachCredentialSeparately() {
		ResponseEntity<String> contosoHealth = actuator("/health/identity/contoso");
		ResponseEntity<String> partnerHealth = actuator("/health/identity/partner");
		assertThat(contosoHealth.getStatusCode().value()).isEqualTo(200);
		assertThat(contosoHealth.getBody()).contains("\"status\":\"UP\"").contains("contoso-client");
		assertThat(partnerHealth.getStatusCode().value()).isEqualTo(503);
		assertThat(partnerHealth.getBody()).contains("\"status\":\"DOWN\"").contains("partner-client");
		assertThat(actuator("/health/identity").getBody()).contains("\"contoso\"").contains("\"partner\"");
	}

	@Test
	void actuatorMasksTheSecretOfEveryNamedCredential() {
		String env = actuator("/env").getBody();
		String configprops = actuator("/configprops").getBody();
		assertThat(env).contains("identity.credentials.contoso.client-secret")
			.contains("identity.credentials.partner.client-secret")
			.contains("tenant-partner");
		assertThat(configprops).contains("tenant-contoso").contains("tenant-partner");
		for (String response : new String[] { env, configprops }) {
			assertThat(response).doesNotContain(CONTOSO_SECRET).doesNotContain(PARTNER_SECRET);
		}
	}

	private ResponseEntity<String> actuator(String path) {
		return WebClient.create("http://localhost:" + this.port + "/actuator")
			.get()
			.uri(path)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block(Duration.ofSeconds(30));
	}

	interface InventoryApi {

		@GetExchange("/inventory/items")
		Mono<String> items();

	}

	interface OrdersApi {

		@GetExchange("/orders/open")
		String open();

	}

	interface WeatherApi {

		@GetExchange("/weather/today")
		Mono<String> today();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "inventory", types = InventoryApi.class, clientType = ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "orders", types = OrdersApi.class, clientType = ClientType.REST_CLIENT)
	@ImportHttpServices(group = "weather", types = WeatherApi.class, clientType = ClientType.WEB_CLIENT)
	static class TwoCredentialsApplication {

	}

}
