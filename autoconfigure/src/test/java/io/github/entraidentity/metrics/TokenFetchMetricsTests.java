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

import java.time.Duration;
import java.util.stream.Collectors;

import io.github.entraidentity.credential.ClaimsRequestLimitedException;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.observation.DefaultTokenFetchObservationConvention;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Meter values and tags after real token requests to a WireMock Entra endpoint.
 */
class TokenFetchMetricsTests {

	private static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJtZXRyaWNzIn0.c2lnbmF0dXJl";

	private static final String SCOPE = "api://metrics/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.credential = TestCredentials.builder(entra)
			.retryDelay(Duration.ofMillis(5))
			.observationRegistry(observations)
			.eventListener(new IdentityTokenMetrics(this.meters, ClientSecretCredential.class))
			.build();
	}

	@Test
	void successfulFetchIsTimedWithSuccessTags() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		Timer timer = this.meters.get(DefaultTokenFetchObservationConvention.NAME)
			.tags("outcome", "success", "error.code", "none", "cae", "false", "retried", "false")
			.timer();
		assertThat(timer.count()).isEqualTo(1);
	}

	@Test
	void claimsRequestsThatWereNotSentAreCountedByAction() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		TokenRequestContext context = TokenRequestContext.of(SCOPE);
		for (int i = 0; i < 8; i++) {
			// Each claims once, then again: the second is answered with the first's token
			for (int repeat = 0; repeat < 2; repeat++) {
				this.credential.getToken(context.withClaims("{\"access_token\":{\"nbf\":{\"value\":\"" + i + "\"}}}"))
					.onErrorComplete(ClaimsRequestLimitedException.class)
					.block(Duration.ofSeconds(10));
			}
		}
		assertThat(this.meters.get(IdentityTokenMetrics.CLAIMS_LIMITED_METER).tag("action", "reused").counter().count())
			.isEqualTo(5);
		assertThat(
				this.meters.get(IdentityTokenMetrics.CLAIMS_LIMITED_METER).tag("action", "refused").counter().count())
			.isEqualTo(6);
	}

	@Test
	void entraErrorIsTimedWithItsErrorCode() {
		entra.stubFor(post(urlPathMatching(".*/token"))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> this.credential.getToken(SCOPE).block(Duration.ofSeconds(10)));
		Timer timer = this.meters.get(DefaultTokenFetchObservationConvention.NAME)
			.tags("outcome", "failure", "error.code", "invalid_client", "retried", "false")
			.timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.getId().getTag("error")).isEqualTo("ClientAuthenticationException");
	}

	@Test
	void retriedFetchIsVisibleInTagAndCounter() {
		entra.stubFor(post(urlPathMatching(".*/token")).inScenario("flaky")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		entra.stubFor(post(urlPathMatching(".*/token")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(this.meters.get(DefaultTokenFetchObservationConvention.NAME)
			.tags("outcome", "success", "retried", "true")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.get(IdentityTokenMetrics.RETRIES_METER).counter().count()).isEqualTo(1);
	}

	@Test
	void cacheResultsAreCounted() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(cacheCount("miss")).isEqualTo(1);
		assertThat(cacheCount("hit")).isEqualTo(2);
		assertThat(cacheCount("refreshing")).isZero();
	}

	@Test
	void expiryGaugeReportsSecondsUntilSoonestExpiry() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		new TokenExpiryMeterBinder(this.credential).bindTo(this.meters);
		assertThat(this.meters.get(TokenExpiryMeterBinder.EXPIRY_METER).gauge().value()).isNaN();
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(this.meters.get(TokenExpiryMeterBinder.EXPIRY_METER).gauge().value()).isBetween(3500.0, 3600.0);
	}

	@Test
	void noMeterTagCarriesTheSecretOrTheToken() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token(TOKEN, 3600)));
		this.credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		String allTags = this.meters.getMeters()
			.stream()
			.map(Meter::getId)
			.flatMap((id) -> id.getTags().stream())
			.map(Tag::toString)
			.collect(Collectors.joining("\n"));
		assertThat(allTags).isNotEmpty()
			.doesNotContain(TestCredentials.SECRET)
			.doesNotContain(TOKEN)
			.doesNotContain(SCOPE);
	}

	private double cacheCount(String result) {
		return this.meters.get(IdentityTokenMetrics.CACHE_METER).tag("result", result).counter().count();
	}

}
