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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator endpoints of an application using the starter, with values shown
 * ({@code show-values=ALWAYS}), contain neither the client secret, the proxy password nor
 * an issued token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*",
				// Spring Data Redis is on this module's test class path (the optional
				// Redis cache), no server is
				"management.health.redis.enabled=false", "management.endpoint.env.show-values=ALWAYS",
				"management.endpoint.configprops.show-values=ALWAYS", "management.endpoint.health.show-details=ALWAYS",
				"identity.tenant-id=actuator-tenant", "identity.client-id=actuator-client",
				"identity.client-secret=" + ActuatorSecretsTests.SECRET, "identity.proxy.host=proxy.invalid",
				"identity.proxy.port=3128", "identity.proxy.username=proxy-user",
				"identity.proxy.password=" + ActuatorSecretsTests.PROXY_PASSWORD,
				"identity.proxy.non-proxy-hosts=localhost", "identity.ssl.bundle=entra-test",
				"spring.ssl.bundle.jks.entra-test.truststore.type=PKCS12",
				"spring.ssl.bundle.jks.entra-test.truststore.password=changeit" })
@ExtendWith(ReliabilityReportExtension.class)
class ActuatorSecretsTests {

	static final String SECRET = "actuator-Canary~Secret.77";

	static final String PROXY_PASSWORD = "proxy-Canary~Password.88";

	static final String TOKEN = "actuator-canary-token";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("identity.authority", () -> entra.getRuntimeInfo().getHttpsBaseUrl());
		registry.add("spring.ssl.bundle.jks.entra-test.truststore.location",
				() -> TestTls.keystore().toUri().toString());
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ClientSecretCredential credential;

	@Test
	void envConfigpropsHealthAndMetricsShowNoSecretAndNoToken() {
		entra.stubFor(post(urlPathMatching("/actuator-tenant/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token(TOKEN, 3600)));
		assertThat(this.credential.getToken("api://actuator/.default").block(Duration.ofSeconds(30)).token())
			.isEqualTo(TOKEN);
		WebClient actuator = WebClient.create("http://localhost:" + this.port + "/actuator");
		String env = get(actuator, "/env");
		String configprops = get(actuator, "/configprops");
		String health = get(actuator, "/health");
		String metrics = get(actuator, "/metrics/identity.token.fetch");
		assertThat(env).as("env lists the properties")
			.contains("identity.client-secret")
			.contains("identity.tenant-id");
		assertThat(configprops).as("configprops lists the identity properties").contains("actuator-tenant");
		assertThat(health).as("health has the identity details").contains("actuator-client");
		for (String response : new String[] { env, configprops, health, metrics }) {
			assertThat(response).doesNotContain(SECRET).doesNotContain(PROXY_PASSWORD).doesNotContain(TOKEN);
		}
		ReliabilityReport.record(Section.SECRETS, 4,
				"actuator /env, /configprops (show-values=ALWAYS), /health (details), /metrics of a @SpringBootTest"
						+ " app with identity.client-secret and identity.proxy.password set",
				"neither", "HTTP responses of 4 endpoints",
				env.length() + configprops.length() + health.length() + metrics.length() + " bytes searched");
	}

	private static String get(WebClient actuator, String path) {
		return actuator.get().uri(path).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
