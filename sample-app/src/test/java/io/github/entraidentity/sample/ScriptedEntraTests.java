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

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.EmulatorReply;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.TokenRequest;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app tested the way an application tests itself with
 * {@code entra-identity-test}: {@link AutoConfigureEntraEmulator} runs the emulator, the
 * test scripts what Entra does. A context of its own for each test: the credential caches
 * the token a successful test gets, and after Entra rejects a request it answers that
 * token's misses with the same error for a few seconds.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(ThreadsOnTimeout.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.downstream.schedule=false")
@AutoConfigureEntraEmulator
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScriptedEntraTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EntraEmulator entra;

	@Autowired
	private ClientSecretCredential credential;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = AppClients.onPort(this.port);
	}

	@Test
	@Order(1)
	void expiredSecretIsExplainedOnTheStatusPage() {
		this.entra.expireClientSecret();
		this.client.get().uri("/call-api").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(StatusPages.fetch(this.client)).contains("AADSTS7000222", "badge down\">DOWN")
			.doesNotContain(this.entra.clientSecret());
	}

	@Test
	@Order(2)
	void outageIsRetriedAndTheDemoApiIsCalledWithTheTestsEmulator() {
		this.entra.replyNext(EmulatorReply.outage(503));
		this.client.get()
			.uri("/call-api")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.body")
			.value(String.class, (body) -> assertThat(body).contains("Your token is valid"));
		assertThat(this.credential.authority()).isEqualTo(this.entra.authority());
		assertThat(this.entra.tokenRequests()).extracting(TokenRequest::status).containsExactly(503, 200);
		assertThat(this.entra.lastIssuedToken().audience()).isEqualTo("api://entra-emulator-demo");
	}

}
