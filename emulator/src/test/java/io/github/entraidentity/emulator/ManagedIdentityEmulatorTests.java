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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.credential.TokenTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link ManagedIdentityEmulator} answers {@link ManagedIdentityCredential} as the real
 * endpoints do, scripted failures included.
 *
 * @author Entra Identity contributors
 */
class ManagedIdentityEmulatorTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T06:00:00Z"));

	private final ManagedIdentityEmulator emulator = ManagedIdentityEmulator.start(new Clock() {

		@Override
		public Instant instant() {
			return ManagedIdentityEmulatorTests.this.now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@AfterEach
	void close() {
		this.emulator.close();
	}

	@Test
	void appServiceEndpointIssuesATokenForTheResource() {
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.emulator.appServiceEnvironment()::get)
			.build()) {
			AccessToken token = credential.getToken("https://vault.azure.net/.default").block();
			assertThat(token.token()).startsWith("managed-identity-token-");
			assertThat(this.emulator.requestedResources()).containsExactly("https://vault.azure.net");
		}
	}

	@Test
	void imdsAnswersScriptedThrottlingThenATokenAndAnUnknownIdentity() {
		this.emulator.replyNext(ManagedIdentityReply.throttled(Duration.ofSeconds(0)), ManagedIdentityReply.token(),
				ManagedIdentityReply.unknownIdentity());
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.emulator.imdsEnvironment()::get)
			.retryDelay(Duration.ofMillis(1))
			.build()) {
			assertThat(credential.getToken("https://a/.default").block().token()).startsWith("managed-identity-token-");
			assertThatExceptionOfType(CredentialUnavailableException.class)
				.isThrownBy(() -> credential.getToken("https://b/.default").block())
				.withMessageContaining("Identity not found");
		}
	}

	@Test
	void goneForAWhileAnswers410UntilItHasPassed() {
		this.emulator.goneFor(Duration.ofSeconds(65));
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.emulator.imdsEnvironment()::get)
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1))
			.totalTimeout(Duration.ofMillis(300))
			.build()) {
			assertThatExceptionOfType(TokenTransportException.class)
				.isThrownBy(() -> credential.getToken("https://a/.default").block());
			this.now.set(this.now.get().plusSeconds(66));
			assertThat(credential.getToken("https://c/.default").block().token()).startsWith("managed-identity-token-");
		}
	}

	@Test
	void aPathWithRepeatedSlashesReachesImdsAsMsalForJavaSendsIt() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(this.emulator.baseUrl()
					+ "//metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net"))
			.header("Metadata", "true")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"access_token\":\"managed-identity-token-");
	}

	@Test
	void identityPropertiesMakeACredentialAManagedIdentityOfEitherEndpoint() {
		assertThat(this.emulator.identityProperties(EmulatedManagedIdentity.IMDS)).containsExactly(
				entry("identity.managed-identity.enabled", "true"),
				entry("AZURE_POD_IDENTITY_AUTHORITY_HOST", this.emulator.baseUrl()));
		assertThat(this.emulator.identityProperties(EmulatedManagedIdentity.APP_SERVICE))
			.containsEntry("identity.managed-identity.enabled", "true")
			.containsAllEntriesOf(this.emulator.appServiceEnvironment())
			.hasSize(3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.emulator.identityProperties(EmulatedManagedIdentity.NONE))
			.withMessageContaining("APP_SERVICE or IMDS");
	}

	@Test
	void resetForgetsTheScriptTheWindowAndTheRequests() {
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.emulator.imdsEnvironment()::get)
			.maxRetries(0)
			.build()) {
			credential.getToken("https://a/.default").block();
			this.emulator.replyNext(ManagedIdentityReply.unknownIdentity())
				.replyAlways(ManagedIdentityReply.serverError())
				.goneFor(Duration.ofHours(1));
			this.emulator.reset();
			assertThat(this.emulator.requestedResources()).isEmpty();
			assertThat(credential.getToken("https://b/.default").block().token()).startsWith("managed-identity-token-");
			assertThat(this.emulator.requestedResources()).containsExactly("https://b");
		}
	}

	@Test
	void serverErrorsAndSlowAnswersAreScripted() {
		this.emulator.replyAlways(ManagedIdentityReply.serverError());
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.emulator.appServiceEnvironment()::get)
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1))
			.build()) {
			assertThatExceptionOfType(TokenTransportException.class)
				.isThrownBy(() -> credential.getToken("https://a/.default").block())
				.withMessageContaining("HTTP 500");
			this.emulator.replyAlways(ManagedIdentityReply.slow(Duration.ofMillis(50)));
			assertThat(credential.getToken("https://b/.default").block().token()).startsWith("managed-identity-token-");
		}
	}

}
