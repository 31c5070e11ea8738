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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * One retry layer: what is retried, how often, and how long the credential waits. Delays
 * run on a {@link VirtualTimeScheduler}; only the HTTP exchanges are real.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class RetryTests {

	private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension untrusted = TestTls.untrustedHttpsWireMock();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@BeforeEach
	void startTheClock() {
		this.time.advanceTimeTo(START);
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void retryableStatusIsRetried(int status) {
		failOnceThen(aResponse().withStatus(status).withBody("busy"));
		assertThat(quickRetries().build().getToken("api://a/.default").block().token()).isEqualTo("tok");
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void connectionResetIsRetried() {
		failOnceThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		assertThat(quickRetries().build().getToken("api://a/.default").block().token()).isEqualTo("tok");
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void responseSlowerThanTheResponseTimeoutIsRetried() {
		failOnceThen(TokenResponses.token("slow", 3600).withFixedDelay(1000));
		AccessToken token = quickRetries().responseTimeout(Duration.ofMillis(200))
			.build()
			.getToken("api://a/.default")
			.block();
		assertThat(token.token()).isEqualTo("tok");
		assertThat(requests()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403 })
	void clientErrorIsNotRetried(int status) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.error(status, "invalid_client", 7000215, "Invalid client secret provided.")));
		ClientAuthenticationException ex = catchThrowableOfType(ClientAuthenticationException.class,
				() -> quickRetries().build().getToken("api://a/.default").block());
		assertThat(ex.statusCode()).isEqualTo(status);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void retryableStatusIsRetriedThreeTimesByDefaultThenReportedAsTransportFailure() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> quickRetries().build().getToken("api://a/.default").block());
		assertThat(requests()).isEqualTo(4);
		assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.HTTP_STATUS);
		assertThat(ex.statusCode()).isEqualTo(503);
		assertThat(ex.host()).isEqualTo("localhost");
		assertThat(ex).isNotInstanceOf(ClientAuthenticationException.class)
			.hasMessageContaining("localhost")
			.hasMessageContaining("4 attempt(s)")
			.hasMessageContaining("HTTP 503");
	}

	@Test
	void persistentEntraErrorWithRetryableStatusIsReportedAsTransportFailureWithTheEntraError() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.error(503, "temporarily_unavailable", 50001, "Service is unavailable.")));
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> quickRetries().maxRetries(1).build().getToken("api://a/.default").block());
		assertThat(requests()).isEqualTo(2);
		assertThat(ex.statusCode()).isEqualTo(503);
		assertThat(ex).hasMessageContaining("Microsoft Entra ID error '(temporarily_unavailable) AADSTS50001");
	}

	@Test
	void persistentConnectionFailureIsReportedAsConnectionFailure() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> quickRetries().maxRetries(2).build().getToken("api://a/.default").block());
		assertThat(requests()).isEqualTo(3);
		assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.CONNECTION);
		assertThat(ex.host()).isEqualTo("localhost");
		assertThat(ex).hasMessageContaining("localhost").hasMessageContaining("3 attempt(s)");
	}

	@Test
	void refusedConnectionIsRetriedThenReportedAsConnectionFailure() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		AtomicInteger attempts = new AtomicInteger();
		ClientSecretCredential credential = quickRetries().authority("https://127.0.0.1:" + closedPort)
			.webClient(countingWebClient(attempts))
			.build();
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> credential.getToken("api://a/.default").block());
		assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.CONNECTION);
		assertThat(ex.host()).isEqualTo("127.0.0.1");
		assertThat(ex).hasMessageContaining("127.0.0.1").hasMessageContaining("4 attempt(s)");
		assertThat(attempts).hasValue(4);
	}

	@Test
	void persistentTimeoutIsReportedAsTimeout() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("slow", 3600).withFixedDelay(1000)));
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> quickRetries().maxRetries(1)
					.responseTimeout(Duration.ofMillis(200))
					.build()
					.getToken("api://a/.default")
					.block());
		assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TIMEOUT);
		assertThat(ex).hasMessageContaining("localhost").hasMessageContaining("2 attempt(s)");
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void untrustedCertificateFailsAsTlsWithoutRetrying() {
		AtomicInteger attempts = new AtomicInteger();
		ClientSecretCredential credential = quickRetries().authority(untrusted.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(countingWebClient(attempts))
			.build();
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> credential.getToken("api://a/.default").block());
		assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TLS);
		assertThat(ex).hasMessageContaining("localhost").hasMessageContaining("1 attempt(s)");
		assertThat(attempts).hasValue(1);
	}

	@Test
	void retryAfterSecondsIsHonoured() throws Exception {
		assertRetrySentAfter(aResponse().withStatus(429).withHeader("Retry-After", "7"), Duration.ofSeconds(7),
				Duration.ofSeconds(30));
	}

	@Test
	void retryAfterHttpDateIsHonoured() throws Exception {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(12).atOffset(ZoneOffset.UTC));
		assertRetrySentAfter(aResponse().withStatus(503).withHeader("Retry-After", date), Duration.ofSeconds(12),
				Duration.ofSeconds(30));
	}

	@Test
	void retryAfterMsIsHonoured() throws Exception {
		assertRetrySentAfter(aResponse().withStatus(429).withHeader("retry-after-ms", "1500"), Duration.ofMillis(1500),
				Duration.ofSeconds(30));
	}

	@Test
	void xMsRetryAfterMsIsHonoured() throws Exception {
		assertRetrySentAfter(aResponse().withStatus(429).withHeader("x-ms-retry-after-ms", "2500"),
				Duration.ofMillis(2500), Duration.ofSeconds(30));
	}

	@Test
	void retryAfterIsCappedByMaxRetryAfter() throws Exception {
		assertRetrySentAfter(aResponse().withStatus(429).withHeader("Retry-After", "3600"), Duration.ofSeconds(5),
				Duration.ofSeconds(5));
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(aResponse().withStatus(500)));
		CompletableFuture<AccessToken> result = TestCredentials.builder(entra)
			.scheduler(this.time)
			.retryDelay(Duration.ofSeconds(1))
			.maxRetryDelay(Duration.ofSeconds(3))
			.build()
			.getToken("api://a/.default")
			.toFuture();
		// retry n waits base * 2^n with +/-20% jitter, capped by the maximum
		long[][] windows = { { 800, 1200 }, { 1600, 2400 }, { 3000, 3000 } };
		for (int retry = 0; retry < windows.length; retry++) {
			awaitRetryScheduled(retry + 1);
			this.time.advanceTimeBy(Duration.ofMillis(windows[retry][0] - 1));
			assertNoAttemptStartedAfter(retry + 1);
			this.time.advanceTimeBy(Duration.ofMillis(windows[retry][1] - windows[retry][0] + 1));
			assertAttemptStarted(retry + 2);
			int expected = retry + 2;
			await().atMost(Duration.ofSeconds(5)).until(this::requests, (count) -> count >= expected);
		}
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> result.get(5, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOf(TokenTransportException.class);
		assertThat(requests()).isEqualTo(4);
	}

	@Test
	void totalTimeoutBoundsTheWholeRequest() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
		CompletableFuture<AccessToken> result = TestCredentials.builder(entra)
			.scheduler(this.time)
			.totalTimeout(Duration.ofSeconds(10))
			.build()
			.getToken("api://a/.default")
			.toFuture();
		awaitRetryScheduled(1);
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> result.get(5, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
			assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TIMEOUT);
			assertThat(ex).hasMessageContaining("localhost").hasMessageContaining("10000 ms");
		});
		assertThat(requests()).isEqualTo(1);
	}

	private void assertRetrySentAfter(ResponseDefinitionBuilder first, Duration expectedDelay, Duration maxRetryAfter)
			throws Exception {
		failOnceThen(first);
		CompletableFuture<AccessToken> result = TestCredentials.builder(entra)
			.scheduler(this.time)
			.maxRetryAfter(maxRetryAfter)
			.build()
			.getToken("api://a/.default")
			.toFuture();
		awaitRetryScheduled(1);
		this.time.advanceTimeBy(expectedDelay.minusMillis(1));
		assertNoAttemptStartedAfter(1);
		assertThat(result).isNotDone();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertAttemptStarted(2);
		assertThat(result.get(5, TimeUnit.SECONDS).token()).isEqualTo("tok");
		assertThat(requests()).isEqualTo(2);
	}

	/**
	 * Wait (in real time) until the retry delay after the given attempt is scheduled on
	 * the virtual clock: the total timeout, one response timeout per attempt and one
	 * delay per retry are the credential's only scheduled tasks.
	 * @param attempts the attempts made so far
	 */
	private void awaitRetryScheduled(int attempts) {
		await().atMost(Duration.ofSeconds(5))
			.until(this.time::getScheduledTaskCount, (count) -> count >= 1 + 2L * attempts);
	}

	/**
	 * Assert that no further attempt started: starting one schedules its response timeout
	 * synchronously while the clock is advanced, so the task count tells without waiting
	 * for the network.
	 * @param attempts the attempts made so far
	 */
	private void assertNoAttemptStartedAfter(int attempts) {
		assertThat(this.time.getScheduledTaskCount()).as("tasks scheduled before retry %d is due", attempts)
			.isEqualTo(1 + 2L * attempts);
		assertThat(requests()).as("requests before retry %d is due", attempts).isEqualTo(attempts);
	}

	private void assertAttemptStarted(int attempt) {
		assertThat(this.time.getScheduledTaskCount()).as("tasks scheduled once attempt %d started", attempt)
			.isEqualTo(2L * attempt);
	}

	private static WebClient countingWebClient(AtomicInteger attempts) {
		return TestTls.webClient().mutate().filter((request, next) -> {
			attempts.incrementAndGet();
			return next.exchange(request);
		}).build();
	}

	private ClientSecretCredential.Builder quickRetries() {
		return TestCredentials.builder(entra).retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(1));
	}

	private void failOnceThen(ResponseDefinitionBuilder failure) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			// Short-lived, so that storing it schedules no clock-free timer: the task
			// counts then speak of retries and attempts alone, however soon it arrives
			.willReturn(TokenResponses.token("tok", 40)));
	}

	private int requests() {
		return entra.getAllServeEvents().size();
	}

}
