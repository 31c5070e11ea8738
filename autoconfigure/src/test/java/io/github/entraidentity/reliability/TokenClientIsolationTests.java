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

import java.net.http.HttpClient.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * An application's own HTTP client settings cannot reach token requests: a global
 * {@code WebClient} filter that logs request bodies, default headers and cookies, and a
 * connector customizer that follows redirects apply to the application's clients but not
 * to the credential's, so a 307 from the authority never sends the form (the client
 * secret) to another host.
 */
@ExtendWith(ReliabilityReportExtension.class)
class TokenClientIsolationTests {

	private static final String SECRET = "isolation-Canary~Secret.99";

	private static final List<String> loggedBodies = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension elsewhere = TestTls.httpsWireMock();

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void applicationFiltersHeadersAndRedirectCustomizersDoNotReachTokenRequests(String connector) {
		loggedBodies.clear();
		String stolen = "https://127.0.0.1:" + elsewhere.getRuntimeInfo().getHttpsPort() + "/steal";
		entra.stubFor(post(urlPathMatching("/isolation-tenant/oauth2/v2.0/token"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", stolen)));
		entra.stubFor(
				post(urlEqualTo("/app-api")).willReturn(aResponse().withStatus(307).withHeader("Location", stolen)));
		elsewhere.stubFor(post(urlEqualTo("/steal")).willReturn(TokenResponses.token("stolen-token", 3600)));
		try (ConfigurableApplicationContext context = start(connector)) {
			// The application's own client has the filter, the headers and redirects:
			// it follows the 307 to the other host.
			String appBody = context.getBean(WebClient.Builder.class)
				.build()
				.post()
				.uri(entra.getRuntimeInfo().getHttpsBaseUrl() + "/app-api")
				.bodyValue("app-form=app-value")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(30));
			assertThat(appBody).contains("stolen-token");
			assertThat(loggedBodies).as("the application's filter logs its own client's bodies")
				.anyMatch((body) -> body.contains("app-form=app-value"));
			assertThat(elsewhere.getAllServeEvents()).as("the application's client followed the redirect").hasSize(1);

			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThatRuntimeException()
				.isThrownBy(() -> credential.getToken("api://isolation/.default").block(Duration.ofSeconds(30)));
			assertThat(elsewhere.getAllServeEvents()).as("requests the other host got after the token request")
				.hasSize(1);
			assertThat(loggedBodies).as("bodies the application's filter saw")
				.noneMatch((body) -> body.contains(SECRET));
			List<LoggedRequest> tokenRequests = entra
				.findAll(postRequestedFor(urlPathMatching("/isolation-tenant/.*")));
			assertThat(tokenRequests).hasSize(1);
			assertThat(tokenRequests.get(0).containsHeader("X-App-Header")).isFalse();
			assertThat(tokenRequests.get(0).getCookies()).isEmpty();
			ReliabilityReport.record(Section.SECRETS, 5,
					"token request from an app with a global WebClient filter that logs bodies, a default header and"
							+ " cookie, and a connector customizer that follows redirects (" + connector
							+ " connector), answered with a 307 to another host",
					"neither: the filter saw no token request, no default header or cookie reached the authority,"
							+ " the other host got no request (the app's own client did follow)",
					"bodies the filter saw, headers and cookies at the authority, requests at the other host");
		}
		finally {
			entra.resetAll();
			elsewhere.resetAll();
		}
	}

	private static ConfigurableApplicationContext start(String connector) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("identity.tenant-id=isolation-tenant", "identity.client-id=isolation-client",
					"identity.client-secret=" + SECRET, "identity.http.max-retries=0",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(),
					"spring.http.clients.reactive.connector=" + connector, "spring.http.clients.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=" + TestTls.keystore().toUri(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12", "spring.main.banner-mode=off",
					"spring.jmx.enabled=false")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		WebClientCustomizer bodyLoggingFilter() {
			return (builder) -> builder.defaultHeader("X-App-Header", "app")
				.defaultCookie("app-session", "app-cookie")
				.filter((request, next) -> next.exchange(ClientRequest.from(request)
					.body((message, context) -> request.body().insert(new ClientHttpRequestDecorator(message) {

						@Override
						public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
							return super.writeWith(Flux.from(body)
								.doOnNext((buffer) -> loggedBodies.add(buffer.toString(StandardCharsets.UTF_8))));
						}

					}, context))
					.build()));
		}

		@Bean
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> reactorFollowsRedirects() {
			return (builder) -> builder.withHttpClientCustomizer((httpClient) -> httpClient.followRedirect(true));
		}

		@Bean
		ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> jdkFollowsRedirects() {
			return (builder) -> builder
				.withHttpClientCustomizer((httpClient) -> httpClient.followRedirects(Redirect.ALWAYS));
		}

	}

}
