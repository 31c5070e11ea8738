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

package io.github.entraidentity.reliability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.reliability.FaultCase.Network;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a {@link FaultCase} against a credential: on a cold cache, and during a background
 * refresh of a still-valid cached token. Retry waits and timeouts run on a
 * {@link VirtualClock}.
 */
final class FaultRunner {

	static final String SCOPE = "api://faults/.default";

	static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);

	static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	static final Duration INTO_REFRESH_WINDOW = Duration.ofMinutes(56);

	static final String UNRESOLVABLE = "https://nonexistent.invalid";

	static final int CALLS_DURING_REFRESH = 100;

	private final WireMockExtension entra;

	private final WireMockExtension untrusted;

	private final String endpoint;

	private final CredentialFactory credentials;

	/**
	 * Create a runner.
	 * @param entra the token endpoint
	 * @param untrusted a server with a certificate the client does not trust
	 * @param endpoint the authority of the healthy endpoint
	 * @param credentials creates the credential under test
	 */
	FaultRunner(WireMockExtension entra, WireMockExtension untrusted, String endpoint, CredentialFactory credentials) {
		this.entra = entra;
		this.untrusted = untrusted;
		this.endpoint = endpoint;
		this.credentials = credentials;
	}

	Run coldCache(FaultCase fault) {
		this.entra.resetAll();
		this.untrusted.resetAll();
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
		fault.stub().accept(this.entra, clock.instant());
		String authority = targetOf(fault);
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = this.credentials.create(authority, clock, new NetworkSwitch(), events);
		int requestsBefore = requests();
		CompletableFuture<AccessToken> token = credential.getToken(SCOPE).toFuture();
		clock.runUntil(token::isDone, this::requests, requestsBefore, timeoutFor(fault));
		Run run = new Run(result(token), requests(), clock.takeWaits(), credential, events.lastFetch());
		credential.close();
		return run;
	}

	/**
	 * Send the credential's next requests where the fault needs them: to the untrusted
	 * server, to an unresolvable host, or to the endpoint.
	 */
	private void route(NetworkSwitch network, FaultCase fault) {
		String target = targetOf(fault);
		if (target.equals(this.endpoint)) {
			network.reset();
		}
		else {
			network.sendTo(URI.create(target));
		}
	}

	private String targetOf(FaultCase fault) {
		return switch (fault.network()) {
			case UNTRUSTED_CERTIFICATE -> this.untrusted.getRuntimeInfo().getHttpsBaseUrl();
			case UNRESOLVABLE_HOST -> UNRESOLVABLE;
			default -> this.endpoint;
		};
	}

	Run duringRefresh(FaultCase fault) {
		this.entra.resetAll();
		this.untrusted.resetAll();
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
		this.entra.stubFor(post(urlPathMatching(FaultCase.TOKEN_PATH))
			.willReturn(TokenResponses.token(FaultCase.CACHED_TOKEN, 3600)));
		NetworkSwitch network = new NetworkSwitch();
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = this.credentials.create(this.endpoint, clock, network, events);
		assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(30)).token()).isEqualTo(FaultCase.CACHED_TOKEN);
		// The token lives an hour and is refreshed 5 minutes before expiry.
		clock.advance(INTO_REFRESH_WINDOW);
		this.entra.resetAll();
		fault.stub().accept(this.entra, clock.instant());
		route(network, fault);
		clock.takeWaits();
		int fetchesBefore = events.fetches();
		int requestsBefore = requests();
		for (int i = 0; i < CALLS_DURING_REFRESH; i++) {
			AccessToken served = credential.getToken(SCOPE).block(Duration.ofSeconds(1));
			assertThat(served.token()).as("served while the refresh runs").isEqualTo(FaultCase.CACHED_TOKEN);
		}
		clock.runUntil(() -> events.fetches() > fetchesBefore, this::requests, requestsBefore, timeoutFor(fault));
		FetchOutcome refreshOutcome = events.lastFetch();
		if (!refreshOutcome.succeeded()) {
			assertThat(Outcomes.describe(refreshOutcome.failure())).as("the background refresh's failure")
				.isEqualTo(fault.expected());
		}
		int requests = requests();
		AccessToken after = credential.getToken(SCOPE).block(Duration.ofSeconds(1));
		assertThat(requests()).as("no new request right after a failed refresh").isEqualTo(requests);
		credential.close();
		return new Run(after, requests, clock.takeWaits(), credential, refreshOutcome);
	}

	/**
	 * Let a cached token expire while the fault lasts: the caller must get the fault's
	 * error, never the expired token.
	 * @param fault the fault
	 * @return what the caller got after expiry
	 */
	Run afterExpiry(FaultCase fault) {
		this.entra.resetAll();
		this.untrusted.resetAll();
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
		this.entra.stubFor(post(urlPathMatching(FaultCase.TOKEN_PATH))
			.willReturn(TokenResponses.token(FaultCase.CACHED_TOKEN, 3600)));
		NetworkSwitch network = new NetworkSwitch();
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = this.credentials.create(this.endpoint, clock, network, events);
		assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(30)).token()).isEqualTo(FaultCase.CACHED_TOKEN);
		this.entra.resetAll();
		// Past the hour the token lives, without a refresh in between.
		clock.advance(Duration.ofMinutes(61));
		fault.stub().accept(this.entra, clock.instant());
		route(network, fault);
		clock.takeWaits();
		int requestsBefore = requests();
		CompletableFuture<AccessToken> token = credential.getToken(SCOPE).toFuture();
		clock.runUntil(token::isDone, this::requests, requestsBefore, timeoutFor(fault));
		Run run = new Run(result(token), requests(), clock.takeWaits(), credential, events.lastFetch());
		credential.close();
		return run;
	}

	private static Duration timeoutFor(FaultCase fault) {
		return (fault.network() == Network.SLOW_ENDPOINT) ? RESPONSE_TIMEOUT : null;
	}

	private int requests() {
		return this.entra.getAllServeEvents().size() + this.untrusted.getAllServeEvents().size();
	}

	static Object result(CompletableFuture<AccessToken> future) {
		try {
			return future.get(1, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Creates the credential under test.
	 */
	@FunctionalInterface
	interface CredentialFactory {

		ClientSecretCredential create(String authority, VirtualClock clock, NetworkSwitch network, CacheEvents events);

	}

	/**
	 * What one run produced.
	 *
	 * @param result the token or the exception the caller got
	 * @param requests the requests that reached the endpoint
	 * @param waits the retry waits taken
	 * @param credential the (closed) credential
	 * @param lastFetch the last fetch outcome
	 */
	record Run(Object result, int requests, List<Duration> waits, ClientSecretCredential credential,
			FetchOutcome lastFetch) {

	}

}
