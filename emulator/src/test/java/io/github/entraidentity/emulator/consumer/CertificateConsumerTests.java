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
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.emulator.EmulatedClientAuthentication;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application with no secret at all: the annotation sets it up with
 * {@link EmulatedClientAuthentication#CLIENT_CERTIFICATE}, and the emulator checks its
 * assertions as Entra does.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest
@AutoConfigureEntraEmulator(clientAuthentication = EmulatedClientAuthentication.CLIENT_CERTIFICATE)
class CertificateConsumerTests {

	@Autowired
	ClientCertificateCredential credential;

	@Autowired
	EntraCredential entraCredential;

	@Autowired
	EntraEmulator entra;

	@Test
	void getsARealTokenFromTheEmulator() {
		assertThat(this.entraCredential).isSameAs(this.credential);
		AccessToken token = this.credential.getToken("api://orders/.default").block();
		assertThat(token.token()).isEqualTo(this.entra.lastIssuedToken().accessToken());
	}

}
