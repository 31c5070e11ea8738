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

package io.github.entraidentity.emulator.consumer;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.EmulatorReply;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureEntraEmulator} wires the credential to the emulator, shares it with
 * other test classes through the context cache and resets what a test scripted before the
 * next test.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest
@AutoConfigureEntraEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorScriptResetTests {

	@Autowired
	ClientSecretCredential credential;

	@Autowired
	EntraEmulator entra;

	@Autowired
	ApplicationContext context;

	@Test
	@Order(1)
	void credentialIsConfiguredFromTheEmulator() {
		assertThat(this.credential.tenantId()).isEqualTo(this.entra.tenantId());
		assertThat(this.credential.clientId()).isEqualTo(this.entra.clientId());
		assertThat(this.credential.authority()).isEqualTo(this.entra.authority());
		assertThat(this.context.getEnvironment().getProperty("identity.client-secret"))
			.isEqualTo(this.entra.clientSecret());
	}

	@Test
	@Order(2)
	void scriptsAStandingErrorAndANewSecret() {
		this.entra.replyAlways(EmulatorReply.unknownClient());
		this.entra.changeClientSecret("rotated");
		assertThat(this.entra.clientSecret()).isEqualTo("rotated");
	}

	@Test
	@Order(3)
	void nextTestStartsFromTheEmulatorsSettings() {
		assertThat(this.entra.clientSecret())
			.isEqualTo(this.context.getEnvironment().getProperty("identity.client-secret"));
		assertThat(this.entra.tokenRequests()).isEmpty();
		assertThat(this.credential.getToken("api://reset-check/.default").block()).isNotNull();
	}

}
