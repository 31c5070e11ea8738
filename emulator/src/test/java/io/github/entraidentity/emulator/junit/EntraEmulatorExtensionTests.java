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

package io.github.entraidentity.emulator.junit;

import java.time.Duration;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.emulator.EmulatorReply;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.InsufficientClaimsChallenge;
import io.github.entraidentity.emulator.IssuedToken;
import io.github.entraidentity.emulator.SignedTokens;
import io.github.entraidentity.emulator.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EntraEmulatorExtension}: a plain JUnit test of the credential against
 * the emulator, with each scripted behaviour a real Entra shows.
 *
 * @author Entra Identity contributors
 */
class EntraEmulatorExtensionTests {

	@RegisterExtension
	static EntraEmulatorExtension entra = new EntraEmulatorExtension();

	private ClientSecretCredential credential;

	@AfterEach
	void closeCredential() {
		if (this.credential != null) {
			this.credential.close();
		}
	}

	@Test
	void credentialGetsASignedTokenFromTheEmulator(EntraEmulator emulator) {
		AccessToken token = credential(emulator.clientSecret()).getToken("api://orders/.default").block();
		IssuedToken issued = emulator.lastIssuedToken();
		assertThat(token.token()).isEqualTo(issued.accessToken());
		assertThat(SignedTokens.verify(token.token(), emulator.publicKey())).containsEntry("aud", "api://orders")
			.containsEntry("iss", emulator.issuer())
			.containsEntry("tid", emulator.tenantId())
			.containsEntry("appid", emulator.clientId());
		assertThat(issued.expiresAt()).isEqualTo(issued.issuedAt().plusSeconds(3600));
	}

	@Test
	void keepsServingAfterReactorNettyGlobalResourcesAreDisposed(EntraEmulator emulator) {
		// What a closing Spring application context with a Netty server or client does
		HttpResources.disposeLoopsAndConnections();
		AccessToken token = credential(emulator.clientSecret()).getToken("api://orders/.default").block();
		assertThat(token.token()).isEqualTo(emulator.lastIssuedToken().accessToken());
	}

	@Test
	void wrongSecretIsReportedWithAadsts7000215AndNeverEchoed() {
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential("not-the-secret").getToken("api://orders/.default").block())
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(401);
				assertThat(ex.error()).isEqualTo("invalid_client");
				assertThat(ex.errorCodes()).containsExactly(7000215L);
				assertThat(ex).hasMessageNotContaining("not-the-secret");
			});
	}

	@Test
	void expiredSecretIsReportedWithAadsts7000222() {
		entra.emulator().expireClientSecret();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential(entra.emulator().clientSecret()).getToken("api://orders/.default").block())
			.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(7000222L));
	}

	@Test
	void unknownTenantIsReportedWithAadsts90002() {
		ClientSecretCredential other = ClientSecretCredential.builder()
			.tenantId("contoso.onmicrosoft.com")
			.clientId(entra.emulator().clientId())
			.clientSecret(entra.emulator().clientSecret())
			.authority(entra.emulator().authority())
			.build();
		this.credential = other;
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> other.getToken("api://orders/.default").block())
			.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(90002L));
	}

	@Test
	void throttlingIsRetriedAfterRetryAfter() {
		entra.emulator().replyNext(EmulatorReply.throttled(Duration.ZERO));
		assertThat(credential(entra.emulator().clientSecret()).getToken("api://orders/.default").block()).isNotNull();
		assertThat(entra.emulator().tokenRequests()).extracting(TokenRequest::status).containsExactly(429, 200);
	}

	@Test
	void outageIsRetriedUntilEntraAnswers() {
		entra.emulator().replyNext(EmulatorReply.outage(503), EmulatorReply.outage(502));
		assertThat(credential(entra.emulator().clientSecret()).getToken("api://orders/.default").block()).isNotNull();
		assertThat(entra.emulator().tokenRequests()).extracting(TokenRequest::status).containsExactly(503, 502, 200);
	}

	@Test
	void slowAnswerTimesOutAndTheRetryGetsTheToken() {
		entra.emulator().replyNext(EmulatorReply.slow(Duration.ofSeconds(5)));
		ClientSecretCredential impatient = builder(entra.emulator().clientSecret())
			.responseTimeout(Duration.ofMillis(500))
			.build();
		this.credential = impatient;
		assertThat(impatient.getToken("api://orders/.default").block()).isNotNull();
		FetchOutcome outcome = impatient.lastFetch();
		assertThat(outcome.attempts()).isEqualTo(2);
	}

	@Test
	void protectedApiClaimsChallengeIsAnsweredWithANewToken() {
		EntraEmulator emulator = entra.emulator();
		InsufficientClaimsChallenge challenge = emulator.claimsChallenge();
		DisposableServer api = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String authorization = request.requestHeaders().get(HttpHeaders.AUTHORIZATION);
			IssuedToken token = emulator.findIssuedToken(authorization.substring("Bearer ".length())).orElse(null);
			if (!challenge.isAnsweredBy(token)) {
				return response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, challenge.wwwAuthenticate()).send();
			}
			return response.status(200).sendString(Mono.just("revoked session renewed"));
		}).bindNow();
		try {
			WebClient client = WebClient.builder()
				.filter(BearerTokenFilter.of(credential(emulator.clientSecret()), "api://orders/.default")
					.withCaeEnabled(true))
				.build();
			String body = client.get()
				.uri("http://127.0.0.1:" + api.port() + "/orders")
				.retrieve()
				.bodyToMono(String.class)
				.block();
			assertThat(body).isEqualTo("revoked session renewed");
			assertThat(emulator.issuedTokens()).hasSize(2);
			assertThat(emulator.lastIssuedToken().claims()).containsKey("xms_cc");
		}
		finally {
			api.disposeNow();
		}
	}

	private ClientSecretCredential credential(String secret) {
		this.credential = builder(secret).build();
		return this.credential;
	}

	private static ClientSecretCredential.Builder builder(String secret) {
		return ClientSecretCredential.builder()
			.tenantId(entra.emulator().tenantId())
			.clientId(entra.emulator().clientId())
			.clientSecret(secret)
			.authority(entra.emulator().authority())
			.retryDelay(Duration.ofMillis(10));
	}

}
