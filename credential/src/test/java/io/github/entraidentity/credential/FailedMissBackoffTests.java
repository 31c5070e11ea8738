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

package io.github.entraidentity.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.entraidentity.testsupport.ClientSecretStubs;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.entraidentity.testsupport.ClientSecretStubs.NEW_SECRET;
import static io.github.entraidentity.testsupport.ClientSecretStubs.OLD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * After Entra rejected a token request, misses of that key fail fast with the same error
 * for a short, growing period instead of asking again: a revoked secret or an anonymous
 * health probe cannot push the app registration into Entra's throttling.
 *
 * @author Entra Identity contributors
 */
@Timeout(60)
class FailedMissBackoffTests {

	private static final String SCOPE = "api://backoff/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	@TempDir
	Path directory;

	@BeforeEach
	void rejectUnknownSecrets() {
		this.clock.advanceTimeTo(Instant.parse("2026-12-01T08:00:00Z"));
		ClientSecretStubs.rejectUnknown(entra, TestCredentials.TOKEN_PATH);
	}

	@Test
	void thousandCallsWithARevokedSecretMakeOneTokenRequestWithinTheBackoff() {
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.clientSecret(OLD_SECRET)
			.scheduler(this.clock)
			.build();
		for (int i = 0; i < 1000; i++) {
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(10)))
				.satisfies((ex) -> {
					assertThat(ex.error()).isEqualTo("invalid_client");
					assertThat(ex.errorCodes()).containsExactly(7000215L);
					assertThat(ex.getMessage()).contains("AADSTS7000215").doesNotContain(OLD_SECRET);
				});
			this.clock.advanceTimeBy(Duration.ofMillis(4));
		}
		assertThat(tokenRequests()).isOne();
	}

	@Test
	void backoffGrowsWithEachRejectionAndAFixedSecretIsPickedUpAfterIt() throws Exception {
		Path secretFile = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET);
		ClientSecretCredential credential = ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.environment(Map.of())
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.clientSecretFile(secretFile)
			.scheduler(this.clock)
			.build();
		rejected(credential);
		this.clock.advanceTimeBy(Duration.ofSeconds(5));
		rejected(credential);
		assertThat(tokenRequests()).isEqualTo(2);
		// The second rejection doubled the period: 9 s later misses still fail fast
		this.clock.advanceTimeBy(Duration.ofSeconds(9));
		rejected(credential);
		assertThat(tokenRequests()).isEqualTo(2);
		ClientSecretStubs.accept(entra, TestCredentials.TOKEN_PATH, NEW_SECRET);
		Files.writeString(secretFile, NEW_SECRET);
		this.clock.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(10)).token()).isEqualTo("tok-" + NEW_SECRET);
		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void otherScopesAndClaimsRequestsAreNotHeldBack() {
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.clientSecret(OLD_SECRET)
			.scheduler(this.clock)
			.build();
		rejected(credential);
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken("api://other/.default").block(Duration.ofSeconds(10)));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken(TokenRequestContext.of(SCOPE).withClaims("{\"access_token\":{}}"))
				.block(Duration.ofSeconds(10)));
		assertThat(tokenRequests()).isEqualTo(3);
	}

	private static void rejected(ClientSecretCredential credential) {
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.error()).isEqualTo("invalid_client"));
	}

	private static int tokenRequests() {
		return entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).size();
	}

}
