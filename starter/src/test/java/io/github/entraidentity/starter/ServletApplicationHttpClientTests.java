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
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet (Spring MVC on Tomcat) application with the starter on its class path, as a
 * user adds it: the application's own {@code RestClient} keeps the HTTP client Boot picks
 * without the starter (the JDK client; the starter brings no Reactor Netty), and the
 * credential gets tokens over the JDK client too.
 *
 * @author Entra Identity contributors
 */
class ServletApplicationHttpClientTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void starterBringsNoHttpClientLibraryThatBootWouldPreferOverTheJdkClient() {
		for (String client : List.of("reactor.netty.http.client.HttpClient", "org.eclipse.jetty.client.HttpClient",
				"org.apache.hc.client5.http.impl.async.HttpAsyncClients")) {
			assertThat(ClassUtils.isPresent(client, getClass().getClassLoader())).as(client).isFalse();
		}
	}

	@Test
	void applicationRequestFactoryIsTheSameWithAndWithoutTheStarter() {
		// What Boot detects when the starter's own classes (and what it could have
		// brought) are hidden: the application without the starter
		ClassLoader withoutStarter = new FilteredClassLoader("io.github.entraidentity", "reactor.netty",
				"org.springframework.web.reactive", "org.springframework.boot.webclient");
		Class<?> expected = ClientHttpRequestFactoryBuilder.detect(withoutStarter).getClass();
		assertThat(expected).isEqualTo(JdkClientHttpRequestFactoryBuilder.class);
		entra.stubFor(get(urlEqualTo("/api")).willReturn(okJson("{\"ok\":true}")));
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(ClientSecretCredential.class)).isNotNull();
			ClientHttpRequestFactoryBuilder<?> builder = context.getBean(ClientHttpRequestFactoryBuilder.class);
			assertThat(builder).isInstanceOf(expected);
			assertThat(builder.build(context.getBean(HttpClientSettings.class)))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			String body = context.getBean(RestClient.Builder.class)
				.build()
				.get()
				.uri(entra.getRuntimeInfo().getHttpsBaseUrl() + "/api")
				.retrieve()
				.body(String.class);
			assertThat(body).contains("ok");
			assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.as("no Reactor Netty event loop threads")
				.noneMatch((name) -> name.startsWith("reactor-http") || name.startsWith("entra-identity"));
		}
	}

	@Test
	void credentialGetsTokensOverTheJdkClient() {
		entra.stubFor(post(urlPathMatching("/servlet-tenant/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token("servlet-token", 3600)));
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(ClientHttpConnectorBuilder.class))
				.as("the connector kind the token client follows")
				.isInstanceOf(JdkClientHttpConnectorBuilder.class);
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.getToken("api://servlet/.default").block(Duration.ofSeconds(30)).token())
				.isEqualTo("servlet-token");
			assertThat(credential.getToken("api://servlet-2/.default").block(Duration.ofSeconds(30)).token())
				.isEqualTo("servlet-token");
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "identity.tenant-id=servlet-tenant", "identity.client-id=servlet-client",
					"identity.client-secret=servlet-secret",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
					"spring.http.clients.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=" + TestTls.keystore().toUri(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12", "spring.main.banner-mode=off")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
