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

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.IssuedToken;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens shaped for an Azure service, as Azurite and the services check them: Entra's
 * v1.0 issuer and the service's audience; other resources are unknown to the tenant.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest
@AutoConfigureEntraEmulator(stsIssuer = true, resources = "https://storage.azure.com")
class AzureServiceTokenTests {

	@Autowired
	ClientSecretCredential credential;

	@Autowired
	EntraEmulator entra;

	@Test
	void storageTokenHasStsIssuerAndStorageAudience() {
		this.credential.getToken("https://storage.azure.com/.default").block();
		IssuedToken token = this.entra.lastIssuedToken();
		assertThat(token.issuer()).isEqualTo("https://sts.windows.net/" + this.entra.tenantId() + "/");
		assertThat(token.audience()).isEqualTo("https://storage.azure.com");
		assertThat(token.claims()).containsKeys("iat", "nbf", "exp").containsEntry("ver", "1.0");
	}

	@Test
	void otherResourceIsUnknownToTheTenant() {
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> this.credential.getToken("https://vault.azure.net/.default").block())
			.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(500011L));
	}

}
