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

package io.github.entraidentity.reliability;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP service groups that the starter gives a bearer token
 * ({@code identity.service-clients.<group>}) never carry it to another host on a
 * redirect: an API on {@code localhost} answers {@code 302} to the same path on
 * {@code 127.0.0.1} (another port, another host name), and that second server must get
 * nothing, whatever HTTP client the group runs on: the JDK {@code HttpClient} (what a
 * servlet application gets; Java 17's forwards {@code Authorization} on a redirect to
 * another host) or Reactor Netty, for {@code RestClient} and {@code WebClient} groups
 * alike. {@code .ci/run} runs this class on Java 17 (the build) and on a Java 21+ JDK.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(ReliabilityReportExtension.class)
class ServiceClientRedirectTests {

	private static final String TOKEN = "redirect-api-token";

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension elsewhere = TestTls.httpsWireMock();

	@AfterEach
	void reset() {
		api.resetAll();
		elsewhere.resetAll();
	}

	@ParameterizedTest(name = "{0} client")
	@ValueSource(strings = { "jdk", "reactor" })
	void aRedirectToAnotherHostNeverGetsTheToken(String client) {
		String target = "https://127.0.0.1:" + elsewhere.getRuntimeInfo().getHttpsPort() + "/data";
		api.stubFor(post(urlPathMatching("/redirect-tenant/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token(TOKEN, 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(302).withHeader(HttpHeaders.LOCATION, target)));
		elsewhere.stubFor(get("/data").willReturn(aResponse().withBody("elsewhere")));
		api.stubFor(get("/plain").willReturn(
				aResponse().withStatus(302).withHeader(HttpHeaders.LOCATION, target.replace("/data", "/plain"))));
		elsewhere.stubFor(get("/plain").willReturn(aResponse().withBody("plain elsewhere")));
		try (ConfigurableApplicationContext context = start(client)) {
			ResponseEntity<String> rest = context.getBean(RestApi.class).data();
			ResponseEntity<String> web = context.getBean(WebApi.class).data().block(Duration.ofSeconds(30));
			for (ResponseEntity<String> response : List.of(rest, web)) {
				assertThat(response.getStatusCode().value()).as("what the caller gets").isEqualTo(302);
				assertThat(response.getHeaders().getLocation()).hasToString(target);
			}
			api.verify(2, getRequestedFor(urlEqualTo("/data")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + TOKEN)));
			assertThat(elsewhere.getAllServeEvents()).as("requests the other host got").isEmpty();
			// The application's own clients keep spring.http.clients.redirects=follow
			String plain = context.getBean(RestClient.Builder.class)
				.build()
				.get()
				.uri(api.getRuntimeInfo().getHttpsBaseUrl() + "/plain")
				.retrieve()
				.body(String.class);
			assertThat(plain).isEqualTo("plain elsewhere");
			assertThat(elsewhere.getAllServeEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getRequest().getUrl()).isEqualTo("/plain"));
			String runtime = "Java " + Runtime.version().feature();
			ReliabilityReport.record(Section.HARDENING, 31,
					"API of an HTTP service group with a token (identity.service-clients) answers 302 to another host"
							+ " (localhost -> 127.0.0.1), RestClient group on the " + client
							+ " request factory, WebClient group on the " + client + " connector",
					"the groups' clients do not follow redirects, though spring.http.clients.redirects=follow (which"
							+ " the application's own clients still do): the caller gets the 302 with its Location, the"
							+ " other host gets no request and so never the token",
					"2 token-carrying requests at the API, 0 at the other host", runtime);
		}
	}

	private static ConfigurableApplicationContext start(String client) {
		String url = api.getRuntimeInfo().getHttpsBaseUrl();
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("identity.tenant-id=redirect-tenant", "identity.client-id=redirect-client",
					"identity.client-secret=redirect-secret", "identity.authority=" + url,
					"identity.service-clients.rest.scopes=api://rest/.default",
					"identity.service-clients.web.scopes=api://web/.default",
					"spring.http.serviceclient.rest.base-url=" + url, "spring.http.serviceclient.web.base-url=" + url,
					"spring.http.clients.imperative.factory=" + client,
					"spring.http.clients.reactive.connector=" + client, "spring.http.clients.redirects=follow",
					"spring.http.clients.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=" + TestTls.keystore().toUri(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12", "spring.main.banner-mode=off",
					"spring.jmx.enabled=false")
			.run();
	}

	interface RestApi {

		@GetExchange("/data")
		ResponseEntity<String> data();

	}

	interface WebApi {

		@GetExchange("/data")
		Mono<ResponseEntity<String>> data();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "rest", types = RestApi.class, clientType = ClientType.REST_CLIENT)
	@ImportHttpServices(group = "web", types = WebApi.class, clientType = ClientType.WEB_CLIENT)
	static class App {

	}

}
