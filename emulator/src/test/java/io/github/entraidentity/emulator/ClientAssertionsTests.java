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
package io.github.entraidentity.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.credential.AssertionSigningAlgorithm;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.WorkloadIdentityCredential;
import io.github.entraidentity.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The emulator checks client assertions as Entra does: the library's certificate and
 * workload identity credentials get tokens, and each broken assertion gets Entra's code.
 *
 * @author Entra Identity contributors
 */
class ClientAssertionsTests {

	private static final String SCOPE = "api://entra-emulator-demo/.default";

	private static final String ISSUER = "https://oidc.prod-aks.azure.com/cluster-1/";

	private static final String SUBJECT = "system:serviceaccount:orders:orders-api";

	private static final EntraEmulator emulator = EntraEmulator.start();

	@TempDir
	Path directory;

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		emulator.reset();
	}

	@Test
	void aRegisteredCertificateGetsATokenWithPs256AndRs256() {
		emulator.registerCertificate(TestCertificates.rotatedRsa().certificate());
		emulator.registerCertificate(TestCertificates.rsa().certificate());
		for (AssertionSigningAlgorithm algorithm : AssertionSigningAlgorithm.values()) {
			try (ClientCertificateCredential credential = certificateCredential().signingAlgorithm(algorithm)
				.sendCertificateChain(algorithm == AssertionSigningAlgorithm.RS256)
				.build()) {
				assertThat(credential.getToken(SCOPE).block().token())
					.isEqualTo(emulator.lastIssuedToken().accessToken());
			}
		}
	}

	@Test
	void aCertificateTheAppDoesNotHaveGetsAadsts700027() {
		emulator.registerCertificate(TestCertificates.rotatedRsa().certificate());
		try (ClientCertificateCredential credential = certificateCredential().build()) {
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getToken(SCOPE).block())
				.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(700027L));
		}
	}

	@Test
	void aServiceAccountTokenOfAFederatedCredentialGetsAToken() throws Exception {
		emulator.addFederatedCredential(new FederatedCredential(ISSUER, SUBJECT));
		Path file = Files.writeString(this.directory.resolve("token"),
				emulator.serviceAccountToken(ISSUER, SUBJECT, Duration.ofHours(1)));
		try (WorkloadIdentityCredential credential = workloadCredential(file)) {
			assertThat(credential.getToken(SCOPE).block().token()).isEqualTo(emulator.lastIssuedToken().accessToken());
		}
	}

	@Test
	void federatedTokensOfAnotherSubjectOrExpiredGetEntrasCodes() throws Exception {
		emulator.addFederatedCredential(new FederatedCredential(ISSUER, SUBJECT));
		assertThat(failureFor(
				emulator.serviceAccountToken(ISSUER, "system:serviceaccount:other:app", Duration.ofHours(1))))
			.containsExactly(700213L);
		assertThat(failureFor(emulator.serviceAccountToken("https://elsewhere/", SUBJECT, Duration.ofHours(1))))
			.containsExactly(700211L);
		assertThat(failureFor(emulator.serviceAccountToken(ISSUER, SUBJECT, Duration.ofMinutes(-10))))
			.containsExactly(700024L);
	}

	private List<Long> failureFor(String serviceAccountToken) throws Exception {
		Path file = Files.writeString(this.directory.resolve("token-" + System.nanoTime()), serviceAccountToken);
		try (WorkloadIdentityCredential credential = workloadCredential(file)) {
			ClientAuthenticationException ex = org.assertj.core.api.Assertions
				.catchThrowableOfType(ClientAuthenticationException.class, () -> credential.getToken(SCOPE).block());
			return ex.errorCodes();
		}
	}

	private static ClientCertificateCredential.Builder certificateCredential() {
		return ClientCertificateCredential.builder()
			.tenantId(emulator.tenantId())
			.clientId(emulator.clientId())
			.authority(emulator.authority())
			.certificate(TestCertificates.rsa().privateKey(), List.of(TestCertificates.rsa().certificate()))
			.environment((name) -> null);
	}

	private static WorkloadIdentityCredential workloadCredential(Path tokenFile) {
		return WorkloadIdentityCredential.builder()
			.environment(
					Map.of("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(), "AZURE_CLIENT_ID", emulator.clientId(),
							"AZURE_TENANT_ID", emulator.tenantId(), "AZURE_AUTHORITY_HOST", emulator.authority())::get)
			.build();
	}

}
