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

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.emulator.EmulatedManagedIdentity;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;
import io.github.entraidentity.emulator.ManagedIdentityReply;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as it runs on an Azure VM, without Azure: the annotation moves IMDS to
 * the emulator, which answers the first request with 410 (a host update) as a test
 * scripts it: the example of docs/testing.md.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest
@AutoConfigureEntraEmulator(managedIdentity = EmulatedManagedIdentity.IMDS)
class ImdsManagedIdentityConsumerTests {

	@Autowired
	EntraCredential credential;

	@Autowired
	ManagedIdentityEmulator imds;

	@Test
	void waitsOutAHostUpdate() {
		assertThat(this.credential).isInstanceOf(ManagedIdentityCredential.class);
		this.imds.replyNext(ManagedIdentityReply.gone());
		assertThat(this.credential.getToken("https://vault.azure.net/.default").block().token())
			.startsWith("managed-identity-token-");
		assertThat(this.imds.requestedResources()).containsExactly("https://vault.azure.net",
				"https://vault.azure.net");
		assertThat(this.credential.clientAuthentication().source()).startsWith("IMDS " + this.imds.baseUrl());
	}

}
