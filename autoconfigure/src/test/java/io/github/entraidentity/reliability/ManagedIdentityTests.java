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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.BlackholePort;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.ResponseGate;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed identity credential through the faults of its endpoints: IMDS during a host
 * update (410 for about a minute), throttling, server errors until the total timeout, no
 * endpoint at all (refused, or never answered), broken and huge answers, an identity the
 * resource does not have and 1,000 callers at once; and a Boot application at TRACE that
 * shows neither the identity header nor a token anywhere.
 */
@ExtendWith(ReliabilityReportExtension.class)
class ManagedIdentityTests {

	static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(90);

	static final String IMDS_PATH = "/metadata/identity/oauth2/token";

	static final String APP_SERVICE_PATH = "/msi/token";

	static final String IDENTITY_HEADER = "identity-Header~Canary.31";

	static final String RESOURCE = "https://vault.azure.net";

	static final String SCOPE = RESOURCE + "/.default";

	private static final ResponseGate gate = new ResponseGate();

	private static final GoneWindow goneWindow = new GoneWindow();

	@RegisterExtension
	static WireMockExtension endpoint = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(gate, goneWindow))
		.build();

	@BeforeEach
	void reset() {
		endpoint.resetAll();
		goneWindow.close();
	}

	@Test
	void goneForSixtyFiveSecondsThenOkOnAColdCacheSucceeds() {
		VirtualClock clock = clock();
		goneWindow.open(clock::instant, Duration.ofSeconds(65));
		endpoint.stubFor(imds().willReturn(token("after-410", 3600).withTransformers(GoneWindow.NAME)));
		try (ManagedIdentityCredential credential = imdsCredential(clock).build()) {
			Object result = onVirtualTime(credential, clock);
			List<Duration> waits = clock.takeWaits();
			assertThat(result).isInstanceOfSatisfying(AccessToken.class,
					(accessToken) -> assertThat(accessToken.token()).isEqualTo("after-410"));
			// Backoff from 0.8 s (jitter 0.8-1.2) capped at 8 s: 4 short waits of 9.6 to
			// 14.4 s together, then 7 of 8 s; the seventh ends past 65 s whatever the
			// jitter
			assertThat(goneWindow.answered()).isEqualTo(11);
			assertThat(requests()).isEqualTo(12);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 10,
					"IMDS answers 410 for 65 s (a host update), then 200; cold cache",
					"the call succeeds with the token after the window: every 410 is retried (backoff capped at 8 s)"
							+ " for up to 70 s from the first, far past the 3 retries of other failures",
					"12 (11 answered 410)", "token after " + seconds(sum(waits)) + " of virtual time; waits " + waits);
		}
	}

	@Test
	void goneForSixtyFiveSecondsDuringARefreshKeepsServingTheCachedToken() {
		VirtualClock clock = clock();
		endpoint.stubFor(imds().willReturn(token("cached", 3600)));
		CacheEvents events = new CacheEvents();
		try (ManagedIdentityCredential credential = imdsCredential(clock).eventListener(events).build()) {
			assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(30)).token()).isEqualTo("cached");
			// A token of an hour is refreshed 5 minutes before it expires
			clock.advance(Duration.ofMinutes(56));
			endpoint.resetAll();
			goneWindow.open(clock::instant, Duration.ofSeconds(65));
			endpoint.stubFor(imds().willReturn(token("refreshed", 3600).withTransformers(GoneWindow.NAME)));
			clock.takeWaits();
			int fetchesBefore = events.fetches();
			List<String> served = new ArrayList<>();
			clock.runUntil(() -> {
				served.add(credential.getToken(SCOPE).block(Duration.ofSeconds(1)).token());
				return events.fetches() > fetchesBefore;
			}, this::requests, 0, null);
			assertThat(events.lastFetch().succeeded()).isTrue();
			// The done check may run once more just after the refresh completed
			int firstRefreshed = served.indexOf("refreshed");
			List<String> duringWindow = (firstRefreshed < 0) ? served : served.subList(0, firstRefreshed);
			assertThat(duringWindow).hasSizeGreaterThan(10).containsOnly("cached");
			assertThat(served.subList(duringWindow.size(), served.size())).containsOnly("refreshed");
			assertThat(credential.getToken(SCOPE).block(Duration.ofSeconds(1)).token()).isEqualTo("refreshed");
			assertThat(requests()).isEqualTo(12);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 11,
					"IMDS answers 410 for 65 s while a still-valid token (1 hour) is refreshed 5 minutes before"
							+ " expiry; callers keep asking",
					"every caller got the cached token at once, none waited on the refresh; the refresh succeeded"
							+ " after the window and the next caller got the new token",
					"1 before, 12 for the refresh (11 answered 410)", served.size()
							+ " calls during the window, all served the cached token; waits " + clock.takeWaits());
		}
	}

	@Test
	void goneBeyondTheWindowFailsWithTheStatusAndTheSource() {
		VirtualClock clock = clock();
		goneWindow.open(clock::instant, Duration.ofMinutes(10));
		endpoint.stubFor(imds().willReturn(token("never", 3600).withTransformers(GoneWindow.NAME)));
		try (ManagedIdentityCredential credential = imdsCredential(clock).build()) {
			Object result = onVirtualTime(credential, clock);
			Duration waited = sum(clock.takeWaits());
			assertThat(result).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(410);
				assertThat(ex).hasMessageContaining("managed identity IMDS (localhost)");
			});
			assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(65));
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 12, "IMDS answers 410 for 10 minutes",
					Outcomes.describe(result) + " naming the managed identity IMDS, once a 410 comes 70 s or more"
							+ " after the first",
					"one per retry until then",
					requests() + " requests over " + seconds(waited) + "; " + Outcomes.message(result));
		}
	}

	@Test
	void tooManyRequestsIsRetriedAfterRetryAfter() {
		VirtualClock clock = clock();
		endpoint.stubFor(imds().inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5"))
			.willSetStateTo("ok"));
		endpoint.stubFor(imds().inScenario("throttled").whenScenarioStateIs("ok").willReturn(token("after-429", 3600)));
		try (ManagedIdentityCredential credential = imdsCredential(clock).build()) {
			Object result = onVirtualTime(credential, clock);
			List<Duration> waits = clock.takeWaits();
			assertThat(result).isInstanceOfSatisfying(AccessToken.class,
					(accessToken) -> assertThat(accessToken.token()).isEqualTo("after-429"));
			assertThat(waits).containsExactly(Duration.ofSeconds(5));
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 20, "429 with Retry-After: 5, then 200",
					"token after waiting exactly the 5000 ms asked for", "2");
		}
	}

	@Test
	void serverErrorsBeyondTheRetriesFailWithTheStatusAndTheSource() {
		VirtualClock clock = clock();
		endpoint.stubFor(appService().willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}")));
		try (ManagedIdentityCredential credential = appServiceCredential(clock).build()) {
			Object result = onVirtualTime(credential, clock);
			assertThat(result).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
				assertThat(ex.statusCode()).isEqualTo(500);
				assertThat(ex).hasMessageContaining("managed identity App Service endpoint (localhost)")
					.hasMessageContaining("4 attempt(s)");
			});
			assertThat(requests()).isEqualTo(4);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 30,
					"App Service endpoint answers 500 on every attempt (default settings)",
					Outcomes.describe(result) + " naming the managed identity App Service endpoint and the attempts",
					"4 (3 retries)", Outcomes.message(result));
		}
	}

	@Test
	void serverErrorsUntilTheTotalTimeoutFailWithATimeoutNamingTheSource() {
		VirtualClock clock = new VirtualClock(START, RESPONSE_TIMEOUT, Duration.ofSeconds(30));
		endpoint.stubFor(appService().willReturn(aResponse().withStatus(500)));
		try (ManagedIdentityCredential credential = appServiceCredential(clock).maxRetries(10)
			.totalTimeout(Duration.ofSeconds(30))
			.build()) {
			Object result = onVirtualTime(credential, clock);
			assertThat(result).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
				assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TIMEOUT);
				assertThat(ex).hasMessageContaining("managed identity App Service endpoint (localhost)")
					.hasMessageContaining("30000 ms");
			});
			assertThat(requests()).isBetween(5, 10);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 31,
					"App Service endpoint answers 500 on every attempt, 10 retries allowed, total timeout 30 s",
					Outcomes.describe(result) + " at the total timeout, naming the managed identity App Service"
							+ " endpoint and the attempts made",
					"one per retry until the total timeout", requests() + " requests; " + Outcomes.message(result));
		}
	}

	@Test
	void noEndpointIsReportedAtOnceAsUnavailable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(variables("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closedPort))
			.build()) {
			long start = System.nanoTime();
			Object result = blockingResult(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(30)));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(result).isInstanceOfSatisfying(CredentialUnavailableException.class,
					(ex) -> assertThat(ex).hasMessageContaining("No managed identity endpoint at IMDS")
						.hasMessageContaining("does not seem to run on Azure"));
			assertThat(credential.lastFetch().attempts()).isEqualTo(1);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 40,
					"no IMDS: nothing listens at its address (connection refused), as off Azure",
					"CredentialUnavailableException at once, without retries: no managed identity endpoint, the app"
							+ " does not seem to run on Azure, which credential to use instead",
					"0 (1 connect attempt)", millis + " ms; " + Outcomes.message(result));
		}
	}

	@Test
	void anEndpointThatNeverAnswersTheConnectIsUnavailableAfterTheConnectTimeout() {
		try (BlackholePort imds = BlackholePort.open();
				ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
					.environment(variables("AZURE_POD_IDENTITY_AUTHORITY_HOST", imds.httpUrl()))
					.build()) {
			long start = System.nanoTime();
			Object result = blockingResult(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(30)));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(result).isInstanceOfSatisfying(CredentialUnavailableException.class, (ex) -> {
				assertThat(ex).hasMessageContaining("No managed identity endpoint at IMDS");
				assertThat(ex.getCause()).hasMessageContaining("connection timed out after 1000 ms");
			});
			assertThat(credential.lastFetch().attempts()).isEqualTo(1);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 41,
					"no IMDS: its address never answers the connect (SYNs dropped), as off Azure behind a firewall",
					"CredentialUnavailableException after the 1 s connect timeout of managed identity credentials,"
							+ " without retries",
					"0 (1 connect attempt)", millis + " ms; cause: " + result(result).getCause().getMessage());
		}
	}

	@Test
	void aBodyThatIsNotJsonFailsWithoutRetries() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(200).withBody("<html>Sign in</html>")));
		try (ManagedIdentityCredential credential = imdsCredential(clock()).build()) {
			Object result = blockingResult(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(30)));
			assertThat(result).isInstanceOfSatisfying(ClientAuthenticationException.class,
					(ex) -> assertThat(ex).hasMessageContaining("not a JSON object"));
			assertThat(requests()).isEqualTo(1);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 50, "200 with an HTML body",
					Outcomes.describe(result) + " with an excerpt of the body; not retried", "1",
					Outcomes.message(result));
		}
	}

	@Test
	void aHugeBodyIsCutAtTheLimit() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(200).withBody(new byte[10 * 1024 * 1024])));
		try (ManagedIdentityCredential credential = imdsCredential(clock()).build()) {
			Object result = blockingResult(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(30)));
			assertThat(result).isInstanceOfSatisfying(ClientAuthenticationException.class,
					(ex) -> assertThat(ex).hasMessageContaining("larger than 65536 bytes"));
			assertThat(requests()).isEqualTo(1);
			ReliabilityReport.record(
					Section.MANAGED_IDENTITY, 51, "200 with a body of 10 MB", Outcomes.describe(result)
							+ ": the body is larger than the 64 KiB the credential reads; not" + " retried",
					"1", Outcomes.message(result));
		}
	}

	@Test
	void anIdentityTheResourceDoesNotHaveIsUnavailableAndNamed() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}")));
		try (ManagedIdentityCredential credential = imdsCredential(clock())
			.clientId("11111111-2222-3333-4444-555555555555")
			.build()) {
			Object result = blockingResult(() -> credential.getToken(SCOPE).block(Duration.ofSeconds(30)));
			assertThat(result).isInstanceOfSatisfying(CredentialUnavailableException.class,
					(ex) -> assertThat(ex).hasMessageContaining("Identity not found")
						.hasMessageContaining("client id 11111111-2222-3333-4444-555555555555"));
			assertThat(requests()).isEqualTo(1);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 52,
					"400 Identity not found for a user-assigned identity the resource does not have",
					Outcomes.describe(result) + " with the endpoint's message and the identity asked for; not retried",
					"1", Outcomes.message(result));
		}
	}

	@Test
	void oneThousandColdCallersShareOneRequest() throws Exception {
		endpoint.stubFor(imds().willReturn(token("herd", 3600).withTransformers(ResponseGate.NAME)));
		try (ManagedIdentityCredential credential = imdsCredential(clock()).build()) {
			gate.hold();
			CompletableFuture<List<AccessToken>> callers = Flux.range(0, 1000)
				.flatMap((caller) -> credential.getToken(SCOPE), 1000)
				.collectList()
				.toFuture();
			gate.awaitArrivals(1);
			assertThat(callers).isNotDone();
			gate.release();
			List<AccessToken> tokens = callers.get(30, TimeUnit.SECONDS);
			assertThat(tokens).hasSize(1000).extracting(AccessToken::token).containsOnly("herd");
			assertThat(requests()).isEqualTo(1);
			ReliabilityReport.record(Section.MANAGED_IDENTITY, 60,
					"1,000 concurrent callers on a cold cache, the endpoint's answer held until all have asked",
					"all 1,000 got the one token", "1");
		}
	}

	@Test
	void bootApplicationAtTraceShowsNeitherTheIdentityHeaderNorATokenAnywhere() {
		List<String> tokens = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			tokens.add("mi-token-" + i + "-eyJ0eXAiOiJKV1Qi");
			endpoint.stubFor(appService().withQueryParam("resource", equalTo("https://resource-" + i))
				.willReturn(token(tokens.get(i - 1), 3600)));
		}
		// An endpoint that echoes the header it refused, and one that keeps failing
		endpoint.stubFor(appService().withQueryParam("resource", equalTo("https://refused"))
			.willReturn(aResponse().withStatus(403)
				.withBody("{\"statusCode\":403,\"message\":\"header " + IDENTITY_HEADER + " refused\"}")));
		endpoint.stubFor(appService().withQueryParam("resource", equalTo("https://failing"))
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy " + IDENTITY_HEADER + "\"}")));
		List<String> exceptions = new ArrayList<>();
		List<String> health = new ArrayList<>();
		String output;
		String meters;
		String descriptions;
		try (LogCapture logs = LogCapture.atTrace()) {
			String[] collected = new String[2];
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
						IdentityCredentialsAutoConfiguration.class, IdentityMetricsAutoConfiguration.class,
						IdentityHealthContributorAutoConfiguration.class, WebClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
						MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
						CompositeMeterRegistryAutoConfiguration.class))
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new SystemEnvironmentPropertySource(
									StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
									Map.of("IDENTITY_ENDPOINT", endpoint.baseUrl() + APP_SERVICE_PATH,
											"IDENTITY_HEADER", IDENTITY_HEADER))))
				.withPropertyValues("identity.managed-identity.enabled=true", "identity.http.max-retries=1")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					EntraCredential credential = context.getBean(EntraCredential.class);
					IdentityHealthIndicator indicator = context.getBean(IdentityHealthIndicator.class);
					health.add(String.valueOf(indicator.health(true).block(Duration.ofSeconds(10))));
					for (int i = 1; i <= 5; i++) {
						assertThat(credential.getToken("https://resource-" + i + "/.default")
							.block(Duration.ofSeconds(30))
							.token()).isEqualTo(tokens.get(i - 1));
						health.add(String.valueOf(indicator.health(true).block(Duration.ofSeconds(10))));
					}
					for (String failing : new String[] { "https://refused", "https://failing" }) {
						Object result = blockingResult(
								() -> credential.getToken(failing + "/.default").block(Duration.ofSeconds(30)));
						assertThat(result).isInstanceOf(RuntimeException.class);
						exceptions.add(stackTrace((Throwable) result));
						exceptions.add(stackTrace(credential.lastFetch().failure()));
						health.add(String.valueOf(indicator.health(true).block(Duration.ofSeconds(10))));
					}
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					collected[0] = registry.getMeters()
						.stream()
						.map(Meter::getId)
						.map(Object::toString)
						.collect(Collectors.joining("\n"));
					collected[1] = credential + "\n" + credential.clientAuthentication() + "\n" + credential.lastFetch()
							+ "\n" + credential.cachedTokens();
				});
			output = logs.text();
			meters = collected[0];
			descriptions = collected[1];
			assertThat(output).as("TRACE logging is really on").contains("TRACE").contains("reactor.netty");
		}
		assertThat(requests()).isEqualTo(8);
		assertThat(meters).as("meters examined").contains("identity.token.cache");
		assertThat(String.join("\n", health)).as("health examined").contains("managed_identity").contains("DOWN");
		assertThat(String.join("\n", exceptions)).as("exceptions examined").contains("refused");
		List<String> needles = new ArrayList<>(tokens);
		needles.add(IDENTITY_HEADER);
		for (String needle : needles) {
			assertThat(output).as("log output").doesNotContain(needle);
			assertThat(String.join("\n", exceptions)).as("exception messages and stack traces").doesNotContain(needle);
			assertThat(meters).as("meter names and tags").doesNotContain(needle);
			assertThat(String.join("\n", health)).as("health").doesNotContain(needle);
			assertThat(descriptions).as("toString of credential, authentication, outcome, cached tokens")
				.doesNotContain(needle);
		}
		ReliabilityReport.record(Section.MANAGED_IDENTITY, 70,
				"Boot application with identity.managed-identity.enabled (App Service endpoint), every logger at"
						+ " TRACE: 5 tokens, a 403 whose body echoes the identity header, 503s whose body does too",
				"neither the identity header nor a token in log output, exception messages and stack traces, health"
						+ " details, meter names and tags, or toString()",
				"8 (5 tokens, 1 refused, 2 for the 503s)", output.lines().count() + " log lines, " + exceptions.size()
						+ " stack traces, " + health.size() + " health results, " + meters.lines().count() + " meters");
	}

	private int requests() {
		return endpoint.getAllServeEvents().size();
	}

	private static VirtualClock clock() {
		return new VirtualClock(START, RESPONSE_TIMEOUT, TOTAL_TIMEOUT);
	}

	private static ManagedIdentityCredential.Builder imdsCredential(VirtualClock clock) {
		return ManagedIdentityCredential.builder()
			.environment(variables("AZURE_POD_IDENTITY_AUTHORITY_HOST", endpoint.baseUrl()))
			.scheduler(clock);
	}

	private static ManagedIdentityCredential.Builder appServiceCredential(VirtualClock clock) {
		return ManagedIdentityCredential.builder()
			.environment(variables("IDENTITY_ENDPOINT", endpoint.baseUrl() + APP_SERVICE_PATH, "IDENTITY_HEADER",
					IDENTITY_HEADER))
			.scheduler(clock);
	}

	private static MappingBuilder imds() {
		return get(urlPathEqualTo(IMDS_PATH)).withHeader("Metadata", equalTo("true"));
	}

	private static MappingBuilder appService() {
		return get(urlPathEqualTo(APP_SERVICE_PATH)).withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER));
	}

	private static ResponseDefinitionBuilder token(String token, long expiresIn) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"" + token + "\",\"expires_in\":\"" + expiresIn + "\",\"resource\":\""
					+ RESOURCE + "\",\"token_type\":\"Bearer\"}");
	}

	// What the platform sets, read as the credential reads the process environment
	private static Function<String, String> variables(String... namesAndValues) {
		Map<String, String> variables = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			variables.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return variables::get;
	}

	// The token or the exception the caller got, real I/O and virtual waits run
	// together
	private Object onVirtualTime(ManagedIdentityCredential credential, VirtualClock clock) {
		CompletableFuture<AccessToken> token = credential.getToken(SCOPE).toFuture();
		clock.runUntil(token::isDone, this::requests, 0, null);
		return FaultRunner.result(token);
	}

	private static Throwable result(Object result) {
		return (Throwable) result;
	}

	private static Object blockingResult(Supplier<AccessToken> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	private static Duration sum(List<Duration> waits) {
		return waits.stream().reduce(Duration.ZERO, Duration::plus);
	}

	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * Answers 410 instead of the stub's response from when it is opened until a duration
	 * has passed on a clock, as IMDS does while its host is updated. Stubs opt in with
	 * {@code .withTransformers(GoneWindow.NAME)}.
	 */
	static final class GoneWindow implements ResponseTransformerV2 {

		static final String NAME = "gone-window";

		private volatile Supplier<Instant> clock = () -> Instant.MIN;

		private volatile Instant until = Instant.MIN;

		private final AtomicInteger answered = new AtomicInteger();

		void open(Supplier<Instant> clock, Duration duration) {
			this.clock = clock;
			this.until = clock.get().plus(duration);
			this.answered.set(0);
		}

		void close() {
			this.until = Instant.MIN;
			this.answered.set(0);
		}

		int answered() {
			return this.answered.get();
		}

		@Override
		public Response transform(Response response, ServeEvent serveEvent) {
			if (!this.clock.get().isBefore(this.until)) {
				return response;
			}
			this.answered.incrementAndGet();
			return Response.Builder.like(response)
				.but()
				.status(410)
				.body("{\"error\":\"gone\",\"error_description\":\"IMDS is being updated\"}")
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

}
