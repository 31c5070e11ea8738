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

package io.github.entraidentity.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application injects the auto-configured credential into its own service and calls an
 * API with a token, configured only through {@code token-consumer.yml} (plus the
 * emulator's random port).
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(properties = "spring.config.name=token-consumer")
@ExtendWith(OutputCaptureExtension.class)
class ApplicationInjectsCredentialTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Autowired
	private GraphClient graphClient;

	@DynamicPropertySource
	static void entraAuthority(DynamicPropertyRegistry registry) {
		registry.add("identity.authority", () -> entra.getRuntimeInfo().getHttpsBaseUrl());
	}

	@Test
	void injectedCredentialFetchesTokenFromConfiguredAuthority(CapturedOutput output) {
		entra.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token("consumer-token", 3600)));
		assertThat(this.graphClient.authorizationHeader().block()).isEqualTo("Bearer consumer-token");
		entra.verify(postRequestedFor(urlEqualTo("/tenant-1/oauth2/v2.0/token"))
			.withRequestBody(containing("client_id=client-1"))
			.withRequestBody(containing("client_secret=consumer-secret")));
		assertThat(output).doesNotContain("consumer-secret");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TokenConsumerApplication {

		@Bean
		GraphClient graphClient(ClientSecretCredential credential) {
			return new GraphClient(credential);
		}

	}

	static class GraphClient {

		private final ClientSecretCredential credential;

		GraphClient(ClientSecretCredential credential) {
			this.credential = credential;
		}

		Mono<String> authorizationHeader() {
			return this.credential.getToken("https://graph.microsoft.com/.default")
				.map((token) -> "Bearer " + token.token());
		}

	}

}
