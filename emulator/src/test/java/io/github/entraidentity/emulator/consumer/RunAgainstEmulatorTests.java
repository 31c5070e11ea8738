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

import java.time.Duration;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.EmulatorSettings;
import io.github.entraidentity.emulator.EntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test main, {@link TestConsumerApplication}: the application run against an
 * emulator outside of a test, with the emulator's settings only.
 *
 * @author Entra Identity contributors
 */
class RunAgainstEmulatorTests {

	@Test
	void testMainPointsTheApplicationsCredentialAtTheEmulator() {
		try (EntraEmulator entra = EntraEmulator.start();
				ConfigurableApplicationContext context = TestConsumerApplication.run(entra).getApplicationContext()) {
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.tenantId()).isEqualTo(EmulatorSettings.DEFAULT_TENANT_ID);
			assertThat(credential.clientId()).isEqualTo(EmulatorSettings.DEFAULT_CLIENT_ID);
			AccessToken token = credential.getToken("api://orders/.default").block(Duration.ofSeconds(10));
			assertThat(token.token()).isEqualTo(entra.lastIssuedToken().accessToken());
		}
	}

}
