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
import io.github.entraidentity.emulator.EntraEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app given the {@code AZURE_*} settings of a real tenant: no emulator, the
 * credential uses exactly those settings. The authority is a closed loopback port, so no
 * request leaves the machine.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.downstream.schedule=false", "AZURE_TENANT_ID=contoso.onmicrosoft.com",
				"AZURE_CLIENT_ID=11111111-2222-3333-4444-555555555555",
				"AZURE_CLIENT_SECRET=" + RealEntraSettingsTests.SECRET, "AZURE_AUTHORITY_HOST=http://127.0.0.1:9" })
@ExtendWith(ThreadsOnTimeout.class)
class RealEntraSettingsTests {

	static final String SECRET = "real-secret-value-9c1e";

	@LocalServerPort
	private int port;

	@Autowired
	private ClientSecretCredential credential;

	@Autowired
	private ApplicationContext context;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = AppClients.onPort(this.port);
	}

	@Test
	void credentialUsesTheAzureSettingsAndNoEmulatorRuns() {
		assertThat(this.context.getBeansOfType(EntraEmulator.class)).isEmpty();
		assertThat(this.context.getEnvironment().getActiveProfiles()).doesNotContain("emulator");
		assertThat(this.credential.tenantId()).isEqualTo("contoso.onmicrosoft.com");
		assertThat(this.credential.clientId()).isEqualTo("11111111-2222-3333-4444-555555555555");
		assertThat(this.credential.authority()).isEqualTo("http://127.0.0.1:9");
	}

	@Test
	void statusPageShowsRealEntraConfigurationWithoutTheSecret() {
		String page = StatusPages.fetch(this.client);
		assertThat(page)
			.contains("No token requested yet from Microsoft Entra ID", "contoso.onmicrosoft.com", "no API configured")
			.doesNotContain(SECRET, "embedded Entra emulator");
	}

	@Test
	void demoApiIsOnlyServedWithTheEmulator() {
		this.client.get().uri("/api/demo/greeting").exchange().expectStatus().isNotFound();
	}

}
