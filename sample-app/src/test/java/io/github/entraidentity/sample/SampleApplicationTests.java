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
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.emulator.EntraEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as a new user runs it: on the embedded emulator, calling the demo API.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(ThreadsOnTimeout.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.downstream.schedule=false")
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ClientSecretCredential credential;

	@Autowired
	private EntraEmulator emulator;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = AppClients.onPort(this.port);
	}

	@Test
	void credentialPointsAtTheEmbeddedEmulator() {
		assertThat(this.credential.authority()).isEqualTo(this.emulator.authority());
		assertThat(this.credential.tenantId()).isEqualTo(this.emulator.tenantId());
	}

	@Test
	void callsTheDemoApiWithATokenFromTheEmulator() {
		this.client.get()
			.uri("/call-api")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(200)
			.jsonPath("$.url")
			.isEqualTo("http://127.0.0.1:" + this.port + "/api/demo/greeting")
			.jsonPath("$.body")
			.value(String.class, (body) -> assertThat(body).contains("Your token is valid"));
		FetchOutcome last = this.credential.lastFetch();
		assertThat(last).isNotNull();
		assertThat(last.succeeded()).isTrue();
		assertThat(this.credential.cachedTokens())
			.anySatisfy((token) -> assertThat(token.scopes()).containsExactly("api://entra-emulator-demo/.default"));
	}

	@Test
	void demoApiRefusesCallsWithoutToken() {
		this.client.get().uri("/api/demo/greeting").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void statusPageShowsConfigurationAndTokenButNeverTheSecret() {
		this.client.get().uri("/call-api").exchange().expectStatus().isOk();
		String page = StatusPages.fetch(this.client);
		String secret = this.emulator.clientSecret();
		assertThat(page)
			.contains("Token obtained from the embedded Entra emulator", this.credential.tenantId(),
					this.credential.clientId(), this.emulator.authority(), "api://entra-emulator-demo/.default",
					"token obtained", "href=\"/actuator/health\"", "href=\"/actuator/metrics/identity.token.fetch\"")
			.doesNotContain(secret, "emulator~Secret", "Last token request failed");
	}

	@Test
	void healthIsUpAndIdentityComponentVerifiesToken() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/health/identity")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.tenantId")
			.isEqualTo(this.credential.tenantId());
	}

	@Test
	void tokenFetchTimerIsPublished() {
		this.client.get().uri("/call-api").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/metrics/identity.token.fetch")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
			.value((value) -> assertThat(value.toString()).doesNotContain("[0.0]"));
	}

}
