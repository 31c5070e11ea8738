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

package io.github.entraidentity.metrics;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAssertionCredential;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.WorkloadIdentityCredential;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CredentialTypeTag}.
 *
 * @author Entra Identity contributors
 */
class CredentialTypeTagTests {

	@Test
	void theLibrarysCredentialsAreNamedAfterTheirClass() {
		assertThat(CredentialTypeTag.valueFor(ClientSecretCredential.class)).isEqualTo("client_secret");
		assertThat(CredentialTypeTag.valueFor(ClientCertificateCredential.class)).isEqualTo("client_certificate");
		assertThat(CredentialTypeTag.valueFor(ClientAssertionCredential.class)).isEqualTo("client_assertion");
		assertThat(CredentialTypeTag.valueFor(WorkloadIdentityCredential.class)).isEqualTo("workload_identity");
		// Added after the rule, which needed no change for it
		assertThat(CredentialTypeTag.valueFor(ManagedIdentityCredential.class)).isEqualTo("managed_identity");
	}

	@Test
	void theBuildersTellTheirCredentialsType() {
		assertThat(ClientSecretCredential.builder().credentialType()).isEqualTo(ClientSecretCredential.class);
		assertThat(ClientCertificateCredential.builder().credentialType()).isEqualTo(ClientCertificateCredential.class);
		assertThat(ClientAssertionCredential.builder().credentialType()).isEqualTo(ClientAssertionCredential.class);
		assertThat(WorkloadIdentityCredential.builder().credentialType()).isEqualTo(WorkloadIdentityCredential.class);
		assertThat(ManagedIdentityCredential.builder().credentialType()).isEqualTo(ManagedIdentityCredential.class);
	}

	@Test
	void anyOtherImplementationIsCustom() {
		EntraCredential lambda = (context) -> Mono.empty();
		assertThat(CredentialTypeTag.valueFor(lambda)).isEqualTo(CredentialTypeTag.CUSTOM);
		assertThat(CredentialTypeTag.valueFor(ApplicationsOwnCredential.class)).isEqualTo(CredentialTypeTag.CUSTOM);
		assertThat(CredentialTypeTag.valueFor(EntraCredential.class)).isEqualTo(CredentialTypeTag.CUSTOM);
	}

	@Test
	void noCredentialIsUnknown() {
		assertThat(CredentialTypeTag.valueFor((EntraCredential) null)).isEqualTo(CredentialTypeTag.UNKNOWN);
	}

	static class ApplicationsOwnCredential implements EntraCredential {

		@Override
		public Mono<AccessToken> getToken(TokenRequestContext context) {
			return Mono.empty();
		}

	}

}
