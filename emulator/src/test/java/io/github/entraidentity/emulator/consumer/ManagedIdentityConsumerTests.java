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

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.emulator.EmulatedManagedIdentity;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;
import io.github.entraidentity.emulator.ManagedIdentityReply;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application as it runs on App Service, without Azure: the annotation points its
 * credential at the emulator's App Service endpoint, whose scripted failures a test sees
 * and whose script is reset before the next test.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest
@AutoConfigureEntraEmulator(managedIdentity = EmulatedManagedIdentity.APP_SERVICE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagedIdentityConsumerTests {

	@Autowired
	ManagedIdentityCredential credential;

	@Autowired
	EntraCredential entraCredential;

	@Autowired
	ManagedIdentityEmulator appService;

	@Autowired
	Environment environment;

	@Test
	@Order(1)
	void getsATokenFromTheAppServiceEndpoint() {
		assertThat(this.entraCredential).isSameAs(this.credential);
		AccessToken token = this.credential.getToken("https://vault.azure.net/.default").block();
		assertThat(token.token()).startsWith("managed-identity-token-");
		assertThat(this.appService.requestedResources()).containsExactly("https://vault.azure.net");
		assertThat(this.credential.clientAuthentication().source())
			.startsWith("App Service endpoint " + this.appService.baseUrl() + ManagedIdentityEmulator.APP_SERVICE_PATH)
			.endsWith("system-assigned");
		assertThat(this.environment.getProperty("identity.client-secret")).isNull();
	}

	@Test
	@Order(2)
	void seesAScriptedUnknownIdentity() {
		this.appService.replyAlways(ManagedIdentityReply.unknownIdentity());
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getToken("https://storage.azure.com/.default").block())
			.withMessageContaining("Identity not found");
	}

	@Test
	@Order(3)
	void nextTestStartsFromAnEmulatorThatIssuesTokens() {
		assertThat(this.appService.requestedResources()).isEmpty();
		assertThat(this.credential.getToken("https://management.azure.com/.default").block().token())
			.startsWith("managed-identity-token-");
	}

}
