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

import io.github.entraidentity.credential.ClientCertificateCredential;
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
 * The sample app in certificate mode
 * ({@code emulator.client-authentication=client-certificate}): no secret anywhere, the
 * emulator's shipped certificate, the same demo API call and a health report that shows
 * the certificate.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.downstream.schedule=false", "emulator.client-authentication=client-certificate" })
@ExtendWith(ThreadsOnTimeout.class)
class CertificateModeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ClientCertificateCredential credential;

	@Autowired
	private EntraEmulator emulator;

	private WebTestClient client;

	@BeforeEach
	void createClient() {
		this.client = AppClients.onPort(this.port);
	}

	@Test
	void callsTheDemoApiWithACertificateAndHealthShowsIt() {
		this.client.get()
			.uri("/call-api")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(200);
		assertThat(this.credential.certificateInUse().subject()).contains("entra-emulator-client");
		this.client.get()
			.uri("/actuator/health/identity")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.details.clientAuthentication.method")
			.isEqualTo("client_certificate")
			.jsonPath("$.details.certificate.thumbprint")
			.isEqualTo(this.credential.certificateInUse().thumbprint());
	}

}
