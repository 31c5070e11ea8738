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

package io.github.entraidentity.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Health states of the credential against a WireMock Entra endpoint.
 */
class IdentityHealthIndicatorTests {

	private static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJoZWFsdGgifQ.c2lnbmF0dXJl";

	private static final String SCOPE = "api://health/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final BlockingQueue<FetchOutcome> outcomes = new LinkedBlockingQueue<>();

	private final ClientSecretCredential credential = TestCredentials.builder(entra)
		.maxRetries(0)
		.scheduler(this.time)
		.eventListener(new CredentialEventListener() {
			@Override
			public void tokenFetched(FetchOutcome outcome) {
				IdentityHealthIndicatorTests.this.outcomes.add(outcome);
			}
		})
		.build();

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@Test
	void isUnknownBeforeAnyTokenWasRequested() {
		Health health = passive().health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("tenantId", TestCredentials.TENANT)
			.containsEntry("clientId", TestCredentials.CLIENT_ID)
			.containsKey("reason");
	}

	@Test
	void isUpWhileCachedTokenIsValid() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		Health health = passive().health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKeys("expiresOn", "refreshAt", "authority");
	}

	@Test
	void reportsOneSnapshotOfTheCachedTokensPerCheck() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		AtomicInteger reads = new AtomicInteger();
		// The cache empties after the first read, as when its token expires during a
		// check
		IdentityHealthIndicator indicator = new IdentityHealthIndicator(this.credential,
				() -> (reads.getAndIncrement() == 0) ? this.credential.cachedTokens() : List.of(), List.of(),
				Duration.ofSeconds(5));
		Health health = indicator.health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("tokens", 1).containsKey("expiresOn");
		assertThat(reads).hasValue(1);
	}

	@Test
	void isDownWithEntraDetailsWhenSecretIsWrong() {
		entra.stubFor(post(urlPathMatching(".*/token"))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		assertThatException().isThrownBy(() -> this.credential.getToken(SCOPE).block(Duration.ofSeconds(10)));
		Health health = passive().health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failure", "authentication")
			.containsEntry("error", "invalid_client")
			.containsEntry("errorCodes", List.of("AADSTS7000215"))
			.containsEntry("traceId", "0d0d0d0d-1111-2222-3333-444444444444")
			.containsEntry("correlationId", "5e5e5e5e-6666-7777-8888-999999999999")
			.containsKeys("errorDescription", "failedAt");
	}

	@Test
	void turnsDownWhenRefreshFindsTheSecretExpiredWhileOldTokenIsStillServed() throws InterruptedException {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(this.outcomes.poll(10, TimeUnit.SECONDS).succeeded()).isTrue();
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(
				TokenResponses.error(401, "invalid_client", 7000222, "The provided client secret keys are expired.")));
		this.time.advanceTimeBy(Duration.ofMinutes(56));
		assertThat(this.credential.getToken(SCOPE).block(Duration.ofSeconds(10)).token()).isEqualTo(TOKEN);
		assertThat(this.outcomes.poll(10, TimeUnit.SECONDS).succeeded()).isFalse();
		Health health = passive().health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("errorCodes", List.of("AADSTS7000222"))
			.containsEntry("failure", "authentication");
	}

	@Test
	void transportFailureWithoutValidTokenIsDownAndDistinguishable() {
		entra.stubFor(
				post(urlPathMatching(".*/token")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatException().isThrownBy(() -> this.credential.getToken(SCOPE).block(Duration.ofSeconds(10)));
		Health health = passive().health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failure", "transport")
			.containsEntry("kind", "connection")
			.containsEntry("host", "localhost");
	}

	@Test
	void activeCheckVerifiesScopesThroughTheCacheWithoutExtraRequests() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		IdentityHealthIndicator active = new IdentityHealthIndicator(this.credential, List.of(SCOPE),
				Duration.ofSeconds(10));
		for (int i = 0; i < 3; i++) {
			assertThat(active.health().block().getStatus()).isEqualTo(Status.UP);
		}
		entra.verify(1, postRequestedFor(urlPathMatching(".*/token")));
	}

	@Test
	void activeCheckIsDownWhenScopesCannotBeVerified() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(
				TokenResponses.error(400, "invalid_scope", 70011, "The provided value for scope is not valid.")));
		IdentityHealthIndicator active = new IdentityHealthIndicator(this.credential, List.of(SCOPE),
				Duration.ofSeconds(10));
		Health health = active.health().block();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "invalid_scope");
	}

	@Test
	void probesWhileTheActiveCheckFailsMakeOneTokenRequestUntilTheReuseEnds() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(aResponse().withStatus(503)));
		VirtualTimeScheduler probeClock = VirtualTimeScheduler.create();
		try {
			IdentityHealthIndicator active = new IdentityHealthIndicator(this.credential, this.credential::cachedTokens,
					List.of(SCOPE), Duration.ofSeconds(10), probeClock);
			for (int i = 0; i < 1000; i++) {
				assertThat(active.health().block().getStatus()).isEqualTo(Status.DOWN);
			}
			entra.verify(1, postRequestedFor(urlPathMatching(".*/token")));
			entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
			probeClock.advanceTimeBy(IdentityHealthIndicator.FAILED_CHECK_REUSE);
			assertThat(active.health().block().getStatus()).isEqualTo(Status.UP);
			entra.verify(2, postRequestedFor(urlPathMatching(".*/token")));
		}
		finally {
			probeClock.dispose();
		}
	}

	@Test
	void detailsNeverContainTheSecretOrTheToken() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		String up = passive().health().block().getDetails().toString();
		entra.stubFor(post(urlPathMatching(".*/token"))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		assertThatException().isThrownBy(() -> this.credential
			.getToken(io.github.entraidentity.credential.TokenRequestContext.of(SCOPE).withClaims("{}"))
			.block(Duration.ofSeconds(10)));
		String down = passive().health().block().getDetails().toString();
		assertThat(up + down).doesNotContain(TestCredentials.SECRET).doesNotContain(TOKEN);
	}

	private IdentityHealthIndicator passive() {
		return new IdentityHealthIndicator(this.credential, List.of(), Duration.ofSeconds(5));
	}

}
