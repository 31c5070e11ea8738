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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.FetchOutcome;
import io.github.entraidentity.reliability.FaultCase.Network;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix: every fault on a cold cache (what the caller gets, how many requests
 * reach the endpoint, which retry waits were taken) and during a background refresh (the
 * still-valid cached token keeps being served). Time is virtual.
 */
@ExtendWith(ReliabilityReportExtension.class)
class FaultMatrixTests {

	static final String SECRET = "fault-matrix-secret~Value.123";

	static final String SCOPE = "api://faults/.default";

	static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);

	static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	static final Duration INTO_REFRESH_WINDOW = Duration.ofMinutes(56);

	static final String UNRESOLVABLE = "https://nonexistent.invalid";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension untrusted = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.untrustedKeystore()))
		.build();

	private static final AtomicInteger order = new AtomicInteger();

	static Stream<FaultCase> faults() {
		String only = System.getProperty("fault.only");
		return FaultCase.all().stream().filter((fault) -> only == null || fault.name().contains(only));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void faultHasTheExpectedOutcomeAndACachedTokenSurvivesIt(FaultCase fault) {
		Run cold = coldCache(fault);
		assertThat(Outcomes.describe(cold.result())).as("outcome for the caller").isEqualTo(fault.expected());
		assertThat(cold.requests()).as("requests that reached the endpoint").isEqualTo(fault.requests());
		assertThat(describeWaits(cold.waits())).as("retry waits").isEqualTo(fault.waits());
		if (cold.result() instanceof Throwable failure) {
			assertThat(failure.getMessage()).as("the message").isNotBlank().doesNotContain(SECRET);
		}
		Run refresh = duringRefresh(fault);
		String servedAfter = (cold.result() instanceof AccessToken) ? Outcomes.describe(cold.result())
				: "token " + FaultCase.CACHED_TOKEN;
		assertThat(Outcomes.describe(refresh.result())).as("token served after the background refresh")
			.isEqualTo(servedAfter);
		assertThat(refresh.requests()).as("requests of the background refresh").isEqualTo(fault.requests());
		ReliabilityReport.record(Section.FAULTS,
				FaultCase.all().stream().map(FaultCase::name).toList().indexOf(fault.name()), fault.name(),
				fault.expected() + "; retry waits: " + fault.waits() + ". During a refresh: the cached token was served"
						+ ", then "
						+ (servedAfter.endsWith(FaultCase.CACHED_TOKEN) ? "still the cached token" : "the new token"),
				fault.requests() + " / " + fault.requests(), Outcomes.message(cold.result()));
	}

	private Run coldCache(FaultCase fault) {
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
		fault.stub().accept(entra, clock.instant());
		String authority = switch (fault.network()) {
			case UNTRUSTED_CERTIFICATE -> untrusted.getRuntimeInfo().getHttpsBaseUrl();
			case UNRESOLVABLE_HOST -> UNRESOLVABLE;
			default -> entra.getRuntimeInfo().getHttpsBaseUrl();
		};
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = credential(authority, clock, new NetworkSwitch(), events);
		CompletableFuture<AccessToken> token = credential.getToken(SCOPE).toFuture();
		clock.runUntil(token::isDone, FaultMatrixTests::requests, timeoutFor(fault));
		Run run = new Run(result(token), requests(), clock.takeWaits());
		credential.close();
		return run;
	}

	private Run duringRefresh(FaultCase fault) {
		entra.resetAll();
		untrusted.resetAll();
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
		entra.stubFor(post(urlPathMatching(FaultCase.TOKEN_PATH))
			.willReturn(TokenResponses.token(FaultCase.CACHED_TOKEN, 3600)));
		NetworkSwitch network = new NetworkSwitch();
		CacheEvents events = new CacheEvents();
		ClientSecretCredential credential = credential(entra.getRuntimeInfo().getHttpsBaseUrl(), clock, network,
				events);
		assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(30)).token()).isEqualTo(FaultCase.CACHED_TOKEN);
		// The token lives an hour and is refreshed 5 minutes before expiry.
		clock.advance(INTO_REFRESH_WINDOW);
		entra.resetAll();
		fault.stub().accept(entra, clock.instant());
		switch (fault.network()) {
			case UNTRUSTED_CERTIFICATE -> network.sendTo(URI.create(untrusted.getRuntimeInfo().getHttpsBaseUrl()));
			case UNRESOLVABLE_HOST -> network.sendTo(URI.create(UNRESOLVABLE));
			default -> network.reset();
		}
		clock.takeWaits();
		int fetchesBefore = events.fetches();
		AccessToken served = credential.getToken(SCOPE).block(Duration.ofSeconds(1));
		assertThat(served.token()).as("served while the refresh runs").isEqualTo(FaultCase.CACHED_TOKEN);
		clock.runUntil(() -> events.fetches() > fetchesBefore, FaultMatrixTests::requests, timeoutFor(fault));
		FetchOutcome refreshOutcome = events.lastFetch();
		if (!refreshOutcome.succeeded()) {
			assertThat(Outcomes.describe(refreshOutcome.failure())).as("the background refresh's failure")
				.isEqualTo(fault.expected());
		}
		int requests = requests();
		AccessToken after = credential.getToken(SCOPE).block(Duration.ofSeconds(1));
		assertThat(requests()).as("no new request right after a failed refresh").isEqualTo(requests);
		credential.close();
		return new Run(after, requests, clock.takeWaits());
	}

	private static ClientSecretCredential credential(String authority, VirtualClock clock, NetworkSwitch network,
			CacheEvents events) {
		WebClient webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create().secure((spec) -> spec.sslContext(TestTls.trustingSslContext()))))
			.filter(network.filter())
			.build();
		return ClientSecretCredential.builder()
			.tenantId("fault-tenant")
			.clientId("fault-client")
			.clientSecret(SECRET)
			.authority(authority)
			.webClient(webClient)
			.scheduler(clock)
			.responseTimeout(RESPONSE_TIMEOUT)
			.totalTimeout(TOTAL_TIMEOUT)
			.retryDelay(RETRY_DELAY)
			.eventListener(events)
			.build();
	}

	private static Duration timeoutFor(FaultCase fault) {
		return (fault.network() == Network.SLOW_ENDPOINT) ? RESPONSE_TIMEOUT : null;
	}

	private static int requests() {
		return entra.getAllServeEvents().size() + untrusted.getAllServeEvents().size();
	}

	private static Object result(CompletableFuture<AccessToken> future) {
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
	 * Describe retry waits: {@code backoff} for an exponential backoff wait (the base
	 * delay doubled per retry, within the 0.8-1.2 jitter), otherwise the exact wait.
	 * @param waits the waits
	 * @return the description
	 */
	static String describeWaits(List<Duration> waits) {
		if (waits.isEmpty()) {
			return "none";
		}
		List<String> described = new ArrayList<>();
		for (int i = 0; i < waits.size(); i++) {
			long millis = waits.get(i).toMillis();
			long base = RETRY_DELAY.toMillis() << i;
			boolean backoff = millis >= base * 0.8 && millis <= Math.min(base * 1.2, 8000);
			described
				.add(backoff ? "backoff" : (millis == 30000) ? "30000 ms (capped by maxRetryAfter)" : millis + " ms");
		}
		return String.join(", ", described);
	}

	private record Run(Object result, int requests, List<Duration> waits) {

	}

}
