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

package io.github.entraidentity.sample;

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app configured with a wrong client secret: the error Entra gives is shown on
 * the status page and in health, never the secret.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.downstream.schedule=false", "emulator.enabled=true",
				"identity.client-secret=" + WrongClientSecretTests.WRONG_SECRET })
@ExtendWith(ThreadsOnTimeout.class)
class WrongClientSecretTests {

	static final String WRONG_SECRET = "wrong-secret-7f3a";

	@LocalServerPort
	private int port;

	@Autowired
	private ClientSecretCredential credential;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = AppClients.onPort(this.port);
	}

	@Test
	void downstreamCallFailsWithInvalidClient() {
		this.client.get()
			.uri("/call-api")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("AADSTS7000215").doesNotContain(WRONG_SECRET));
		FetchOutcome last = this.credential.lastFetch();
		assertThat(last).isNotNull();
		assertThat(last.failure()).isInstanceOfSatisfying(ClientAuthenticationException.class, (ex) -> {
			assertThat(ex.statusCode()).isEqualTo(401);
			assertThat(ex.error()).isEqualTo("invalid_client");
			assertThat(ex.errorCodes()).containsExactly(7000215L);
		});
	}

	@Test
	void statusPageExplainsTheErrorAndWhatToDo() {
		this.client.get().uri("/call-api").exchange();
		String page = StatusPages.fetch(this.client);
		assertThat(page)
			.contains("Last token request failed: invalid_client (AADSTS7000215)", "Invalid client secret provided",
					"What to do:", "not its Secret ID", "badge down\">DOWN")
			.doesNotContain(WRONG_SECRET);
	}

	@Test
	void identityHealthIsDownWithTheAadstsCode() {
		this.client.get()
			.uri("/actuator/health/identity")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN")
			.jsonPath("$.details.errorCodes[0]")
			.isEqualTo("AADSTS7000215")
			.jsonPath("$.details.error")
			.isEqualTo("invalid_client");
	}

}
