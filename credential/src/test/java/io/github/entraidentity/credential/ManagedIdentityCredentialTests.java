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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import io.github.entraidentity.testsupport.BlackholePort;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.ResponseGate;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link ManagedIdentityCredential} against loopback stand-ins of the App Service
 * endpoint and IMDS over real HTTP (plain http, as both endpoints are). Retry delays and
 * timeouts run on a {@link VirtualTimeScheduler}; only the HTTP exchanges are real.
 *
 * @author Entra Identity contributors
 */
@Timeout(60)
class ManagedIdentityCredentialTests {

	private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	private static final String IMDS_PATH = "/metadata/identity/oauth2/token";

	private static final String APP_SERVICE_PATH = "/msi/token";

	private static final String IDENTITY_HEADER = "hdr-5ecr3t-value";

	private static final String VAULT = "https://vault.azure.net";

	private static final ResponseGate gate = new ResponseGate();

	@RegisterExtension
	static WireMockExtension endpoint = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(gate))
		.build();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private ManagedIdentityCredential credential;

	@BeforeEach
	void startTheClock() {
		this.time.advanceTimeTo(START);
	}

	@AfterEach
	void close() {
		if (this.credential != null) {
			this.credential.close();
		}
	}

	@Test
	void appServiceSystemAssignedTokenIsRequestedWithTheIdentityHeaderAndTheResource() {
		endpoint.stubFor(appService().willReturn(token("tok-1", "expires_on", "\"" + epoch(START, 3600) + "\"")));
		this.credential = appServiceCredential().build();
		AccessToken token = this.credential.getToken(VAULT + "/.default").block();
		assertThat(token.token()).isEqualTo("tok-1");
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
		endpoint.verify(1,
				getRequestedFor(urlPathEqualTo(APP_SERVICE_PATH)).withQueryParam("api-version", equalTo("2019-08-01"))
					.withQueryParam("resource", equalTo(VAULT))
					.withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER))
					.withHeader("Metadata", absent())
					.withQueryParam("client_id", absent())
					.withQueryParam("object_id", absent())
					.withQueryParam("mi_res_id", absent()));
	}

	@Test
	void imdsSystemAssignedTokenIsRequestedWithTheMetadataHeader() {
		endpoint.stubFor(imds().willReturn(token("tok-1", "expires_in", "\"3600\"")));
		this.credential = imdsCredential().build();
		AccessToken token = this.credential.getToken(VAULT + "/.default").block();
		assertThat(token.token()).isEqualTo("tok-1");
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
		endpoint.verify(1,
				getRequestedFor(urlPathEqualTo(IMDS_PATH)).withQueryParam("api-version", equalTo("2018-02-01"))
					.withQueryParam("resource", equalTo(VAULT))
					.withHeader("Metadata", equalTo("true"))
					.withHeader("X-IDENTITY-HEADER", absent()));
	}

	@ParameterizedTest
	@CsvSource({ "IMDS, clientId, client_id", "IMDS, objectId, object_id", "IMDS, resourceId, msi_res_id",
			"APP_SERVICE, clientId, client_id", "APP_SERVICE, objectId, object_id",
			"APP_SERVICE, resourceId, mi_res_id" })
	void userAssignedIdentityIsNamedWithTheParameterOfItsSource(String source, String setting, String parameter) {
		boolean imds = source.equals("IMDS");
		String id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u";
		endpoint.stubFor((imds ? imds() : appService()).willReturn(token("tok-u", "expires_in", "3600")));
		ManagedIdentityCredential.Builder builder = imds ? imdsCredential() : appServiceCredential();
		switch (setting) {
			case "clientId" -> builder.clientId(id);
			case "objectId" -> builder.objectId(id);
			default -> builder.resourceId(id);
		}
		this.credential = builder.build();
		assertThat(this.credential.getToken(VAULT + "/.default").block().token()).isEqualTo("tok-u");
		endpoint.verify(1, getRequestedFor(urlPathEqualTo(imds ? IMDS_PATH : APP_SERVICE_PATH))
			.withQueryParam(parameter, equalTo(id)));
		assertThat(this.credential.clientId()).isEqualTo(setting.equals("clientId") ? id : null);
		assertThat(this.credential.clientAuthentication().source()).contains("user-assigned");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "3600", "\"3600\"", "\"DATE_PM\"", "\"DATE_24H\"", "\"ISO\"" })
	void expiresOnIsReadInEachFormTheEndpointsSend(String form) {
		Instant expiry = START.plusSeconds(3600);
		String value = form.replace("3600", String.valueOf(expiry.getEpochSecond()))
			.replace("DATE_PM",
					DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a xxx", Locale.ROOT)
						.format(expiry.atOffset(ZoneOffset.UTC)))
			.replace("DATE_24H",
					DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss XXX", Locale.ROOT)
						.format(expiry.atOffset(ZoneOffset.ofHours(2))))
			.replace("ISO", expiry.atOffset(ZoneOffset.UTC).toString());
		endpoint.stubFor(appService().willReturn(token("tok-1", "expires_on", value)));
		this.credential = appServiceCredential().build();
		assertThat(this.credential.getToken(VAULT).block().expiresOn()).isEqualTo(expiry);
	}

	@Test
	void longLivedTokenIsRefreshedAtHalfItsLifetime() {
		endpoint.stubFor(imds().willReturn(token("tok-1", "expires_in", "86400")));
		this.credential = imdsCredential().build();
		this.credential.getToken(VAULT + "/.default").block();
		assertThat(this.credential.cachedTokens()).singleElement()
			.satisfies((view) -> assertThat(view.refreshAt()).isEqualTo(START.plusSeconds(43200)));
	}

	@Test
	void expiresOnInMillisecondsFallsBackToExpiresIn() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(200)
			.withBody("{\"access_token\":\"tok-1\",\"expires_on\":\"" + START.plusSeconds(3600).toEpochMilli()
					+ "\",\"expires_in\":\"600\",\"resource\":\"" + VAULT + "\",\"token_type\":\"Bearer\"}")));
		this.credential = imdsCredential().build();
		assertThat(this.credential.getToken(VAULT).block().expiresOn()).isEqualTo(START.plusSeconds(600));
	}

	@Test
	void thousandConcurrentColdCallersMakeExactlyOneRequest() throws Exception {
		endpoint.stubFor(imds().willReturn(token("tok-1", "expires_in", "3600").withTransformers(ResponseGate.NAME)));
		this.credential = imdsCredential().build();
		gate.hold();
		CompletableFuture<List<AccessToken>> callers = Flux.range(0, 1000)
			.flatMap((i) -> this.credential.getToken(VAULT + "/.default"), 1000)
			.collectList()
			.toFuture();
		gate.awaitArrivals(1);
		assertThat(callers).isNotDone();
		gate.release();
		List<AccessToken> tokens = callers.get(20, TimeUnit.SECONDS);
		assertThat(tokens).hasSize(1000).extracting(AccessToken::token).containsOnly("tok-1");
		assertThat(endpoint.getAllServeEvents()).hasSize(1);
	}

	@Test
	void goneForSixtyFiveSecondsThenOkSucceeds() throws Exception {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(410).withBody("IMDS is being updated")));
		this.credential = imdsCredential().scheduler(this.time)
			.retryDelay(Duration.ofSeconds(1))
			.maxRetryDelay(Duration.ofSeconds(5))
			.build();
		CompletableFuture<AccessToken> result = this.credential.getToken(VAULT + "/.default").toFuture();
		int attempts = 1;
		boolean recovered = false;
		while (!recovered) {
			awaitRetryScheduled(attempts);
			assertThat(result).isNotDone();
			if (elapsed().compareTo(Duration.ofSeconds(60)) >= 0) {
				// The attempt at 65 s finds IMDS back
				endpoint.stubFor(imds().willReturn(token("tok-after-410", "expires_in", "3600")));
				recovered = true;
			}
			this.time.advanceTimeBy(Duration.ofSeconds(5));
			attempts++;
		}
		assertThat(result.get(10, TimeUnit.SECONDS).token()).isEqualTo("tok-after-410");
		// Far more attempts than the three retries of other failures
		assertThat(endpoint.getAllServeEvents()).hasSize(attempts);
		assertThat(attempts).isGreaterThan(10);
	}

	@Test
	void goneBeyondTheWindowFailsWithTheStatusAndTheSource() throws Exception {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(410).withBody("IMDS is being updated")));
		this.credential = imdsCredential().scheduler(this.time)
			.retryDelay(Duration.ofSeconds(1))
			.maxRetryDelay(Duration.ofSeconds(5))
			.build();
		CompletableFuture<AccessToken> result = this.credential.getToken(VAULT + "/.default").toFuture();
		int attempts = 1;
		while (!result.isDone()) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> result.isDone() || this.time.getScheduledTaskCount() >= 1 + 2L * attemptsSoFar());
			if (!result.isDone()) {
				this.time.advanceTimeBy(Duration.ofSeconds(5));
			}
			attempts++;
			assertThat(attempts).as("attempts").isLessThan(40);
		}
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> result.get(5, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
			assertThat(ex.statusCode()).isEqualTo(410);
			assertThat(ex).hasMessageContaining("managed identity IMDS").hasMessageContaining("HTTP 410");
		});
		assertThat(elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(70));
	}

	@Test
	void callersAreServedTheValidTokenWhileItsRefreshMeetsGone() throws Exception {
		endpoint.stubFor(imds().willReturn(token("tok-1", "expires_in", "7200")));
		this.credential = imdsCredential().scheduler(this.time).build();
		assertThat(this.credential.getToken(VAULT).block().token()).isEqualTo("tok-1");
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(410)));
		this.time.advanceTimeBy(Duration.ofSeconds(3601));
		assertThat(this.credential.getToken(VAULT).block(Duration.ofSeconds(5)).token()).isEqualTo("tok-1");
		await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getAllServeEvents().size() >= 2);
		// The refresh keeps retrying 410; callers do not wait for it
		assertThat(this.credential.getToken(VAULT).block(Duration.ofSeconds(5)).token()).isEqualTo("tok-1");
		assertThat(this.credential.getTokenSync(VAULT).token()).isEqualTo("tok-1");
	}

	@Test
	void tooManyRequestsIsRetriedAfterRetryAfter() throws Exception {
		endpoint.stubFor(imds().inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
			.willSetStateTo("ok"));
		endpoint.stubFor(imds().inScenario("throttled")
			.whenScenarioStateIs("ok")
			.willReturn(token("tok-1", "expires_in", "60")));
		this.credential = imdsCredential().scheduler(this.time).build();
		CompletableFuture<AccessToken> result = this.credential.getToken(VAULT).toFuture();
		awaitRetryScheduled(1);
		this.time.advanceTimeBy(Duration.ofMillis(2999));
		assertThat(this.time.getScheduledTaskCount()).isEqualTo(3);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(result.get(10, TimeUnit.SECONDS).token()).isEqualTo("tok-1");
		assertThat(endpoint.getAllServeEvents()).hasSize(2);
	}

	@Test
	void serverErrorsUntilTheTotalTimeoutFailWithATransportErrorNamingTheSource() {
		endpoint.stubFor(appService().willReturn(aResponse().withStatus(500)));
		this.credential = appServiceCredential().scheduler(this.time)
			.maxRetries(10)
			.totalTimeout(Duration.ofSeconds(10))
			.build();
		CompletableFuture<AccessToken> result = this.credential.getToken(VAULT).toFuture();
		awaitRetryScheduled(1);
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> result.get(5, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOfSatisfying(TokenTransportException.class, (ex) -> {
			assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TIMEOUT);
			assertThat(ex).hasMessageContaining("managed identity App Service endpoint")
				.hasMessageContaining("10000 ms");
		});
	}

	@Test
	void serverErrorsBeyondTheRetriesFailWithTheStatusAndTheSource() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
		this.credential = imdsCredential().scheduler(Schedulers.parallel())
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1))
			.build();
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> this.credential.getToken(VAULT).block());
		assertThat(ex.statusCode()).isEqualTo(503);
		assertThat(ex).hasMessageContaining("managed identity IMDS (localhost)").hasMessageContaining("4 attempt(s)");
		assertThat(endpoint.getAllServeEvents()).hasSize(4);
	}

	@Test
	void missingImdsIsReportedAtOnceAsUnavailable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.credential = ManagedIdentityCredential.builder()
			.environment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closedPort))
			.build();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getToken(VAULT).block())
			.withMessageContaining("No managed identity endpoint at IMDS")
			.withMessageContaining("does not seem to run on Azure");
		assertThat(this.credential.lastFetch().attempts()).isEqualTo(1);
	}

	@Test
	void imdsThatNeverAnswersTheConnectIsUnavailableAfterTheOneSecondConnectTimeout() {
		// A refused connect fails at once whatever the timeout; only a connect nothing
		// answers shows the timeout the credential's own client was built with
		try (BlackholePort imds = BlackholePort.open()) {
			this.credential = ManagedIdentityCredential.builder()
				.environment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", imds.httpUrl()))
				.build();
			CredentialUnavailableException ex = catchThrowableOfType(CredentialUnavailableException.class,
					() -> this.credential.getToken(VAULT).block(Duration.ofSeconds(30)));
			assertThat(ex).hasMessageContaining("No managed identity endpoint at IMDS");
			assertThat(ex.getCause()).hasMessageContaining("connection timed out after 1000 ms");
			assertThat(this.credential.lastFetch().attempts()).isEqualTo(1);
		}
	}

	@Test
	void aConnectTimeoutSetOnTheBuilderReplacesTheOneSecondDefault() {
		try (BlackholePort imds = BlackholePort.open()) {
			this.credential = ManagedIdentityCredential.builder()
				.environment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", imds.httpUrl()))
				.connectTimeout(Duration.ofMillis(1500))
				.build();
			CredentialUnavailableException ex = catchThrowableOfType(CredentialUnavailableException.class,
					() -> this.credential.getToken(VAULT).block(Duration.ofSeconds(30)));
			assertThat(ex.getCause()).hasMessageContaining("connection timed out after 1500 ms");
		}
	}

	@Test
	void unknownIdentityIsUnavailableAndNamesTheIdentity() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}")));
		this.credential = imdsCredential().clientId("11111111-2222-3333-4444-555555555555").build();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getToken(VAULT).block())
			.withMessageContaining("Identity not found")
			.withMessageContaining("client id 11111111-2222-3333-4444-555555555555");
		assertThat(endpoint.getAllServeEvents()).hasSize(1);
	}

	@Test
	void forbiddenIsNotRetried() {
		endpoint.stubFor(appService().willReturn(aResponse().withStatus(403)
			.withBody("{\"statusCode\":403,\"message\":\"The identity header is wrong\"}")));
		this.credential = appServiceCredential().build();
		ClientAuthenticationException ex = catchThrowableOfType(ClientAuthenticationException.class,
				() -> this.credential.getToken(VAULT).block());
		assertThat(ex.statusCode()).isEqualTo(403);
		assertThat(ex).hasMessageContaining("The identity header is wrong");
		assertThat(endpoint.getAllServeEvents()).hasSize(1);
	}

	@Test
	void badJsonIsReportedWithAnExcerpt() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));
		this.credential = imdsCredential().build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> this.credential.getToken(VAULT).block())
			.withMessageContaining("not a JSON object")
			.withMessageContaining("<html>proxy</html>");
	}

	@Test
	void hugeBodyIsCutAtTheLimit() {
		endpoint.stubFor(imds().willReturn(aResponse().withStatus(200).withBody("x".repeat(200 * 1024))));
		this.credential = imdsCredential().build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> this.credential.getToken(VAULT).block())
			.withMessageContaining("larger than 65536 bytes");
	}

	@Test
	void requestsTheEndpointsCannotHonourAreRefusedWithoutARequest() {
		this.credential = imdsCredential().build();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getToken("https://a/.default", "https://b/.default").block())
			.withMessageContaining("one scope");
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getToken(TokenRequestContext.of(VAULT).withClaims("{\"a\":1}")).block())
			.withMessageContaining("claims");
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential
				.getToken(TokenRequestContext.of(VAULT).withTenantId("72f988bf-86f1-41af-91ab-2d7cd011db47"))
				.block())
			.withMessageContaining("another tenant");
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> this.credential.getTokenSync(TokenRequestContext.of(VAULT).withCaeEnabled(true)))
			.withMessageContaining("CAE");
		assertThat(endpoint.getAllServeEvents()).isEmpty();
	}

	@Test
	void unsupportedSourcesAreReportedInsteadOfFallingThroughToImds() {
		assertUnsupported(Map.of("IDENTITY_ENDPOINT", "http://localhost:40342/metadata/identity/oauth2/token",
				"IMDS_ENDPOINT", "http://localhost:40342"), "Azure Arc");
		assertUnsupported(Map.of("IDENTITY_ENDPOINT", "https://localhost:2377/metadata/identity/oauth2/token",
				"IDENTITY_HEADER", "h", "IDENTITY_SERVER_THUMBPRINT", "ab"), "Service Fabric");
		assertUnsupported(Map.of("MSI_ENDPOINT", "http://localhost:50342/oauth2/token"), "Cloud Shell");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ManagedIdentityCredential.builder()
				.environment(Map.of("IDENTITY_ENDPOINT", "http://localhost:1/msi/token"))
				.build())
			.withMessageContaining("IDENTITY_HEADER");
	}

	@Test
	void twoIdsAreReportedTogether() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class).isThrownBy(
				() -> ManagedIdentityCredential.builder().environment(Map.of()).clientId("a").resourceId("b").build())
			.withMessageContaining("resourceId is set together with clientId")
			.withMessageContaining("one way");
	}

	@Test
	void aSharedStoreIsRefusedForTheSystemAssignedIdentityWhichEveryHostHasItsOwnOf() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ManagedIdentityCredential.builder()
				.environment(Map.of())
				.sharedTokenStore(new NoSharedTokens())
				.build())
			.withMessageContaining("sharedTokenStore is set for a system-assigned managed identity")
			.withMessageContaining("user-assigned");
		try (ManagedIdentityCredential userAssigned = ManagedIdentityCredential.builder()
			.environment(Map.of())
			.clientId("a-user-assigned-identity")
			.sharedTokenStore(new NoSharedTokens())
			.build()) {
			assertThat(userAssigned.clientId()).isEqualTo("a-user-assigned-identity");
		}
	}

	@Test
	void plainHttpEndpointOffTheMachineIsRefused() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ManagedIdentityCredential.builder()
				.environment(
						Map.of("IDENTITY_ENDPOINT", "http://example.com/msi/token", "IDENTITY_HEADER", IDENTITY_HEADER))
				.build())
			.withMessageContaining("IDENTITY_ENDPOINT")
			.withMessageNotContaining("example.com")
			.withMessageNotContaining(IDENTITY_HEADER);
	}

	@Test
	void neitherTheIdentityHeaderNorTheTokenLeaksAtTrace() {
		endpoint.stubFor(appService().willReturn(token("eyJhbGciOi.secret-token.sig", "expires_in", "3600")));
		endpoint.stubFor(appService().withQueryParam("resource", equalTo("https://bad"))
			.willReturn(aResponse().withStatus(403)
				.withBody("{\"error\":\"denied\",\"error_description\":\"header " + IDENTITY_HEADER + " refused\"}")));
		String text;
		try (LogCapture logs = LogCapture.atTrace()) {
			this.credential = appServiceCredential().build();
			this.credential.getToken(VAULT).block();
			Throwable failure = catchThrowableOfType(ClientAuthenticationException.class,
					() -> this.credential.getToken("https://bad").block());
			logs.add(failure.toString());
			logs.add(this.credential.toString());
			logs.add(String.valueOf(this.credential.clientAuthentication()));
			logs.add(String.valueOf(this.credential.lastFetch()));
			text = logs.text();
		}
		assertThat(text).contains("refused").doesNotContain(IDENTITY_HEADER).doesNotContain("secret-token");
	}

	private void assertUnsupported(Map<String, String> environment, String source) {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ManagedIdentityCredential.builder().environment(environment).build())
			.withMessageContaining(source)
			.withMessageContaining("does not support");
	}

	private long attemptsSoFar() {
		return endpoint.getAllServeEvents().size();
	}

	/**
	 * Wait (in real time) until the retry delay after the given attempt is scheduled on
	 * the virtual clock: the total timeout, one response timeout per attempt and one
	 * delay per retry are the credential's only scheduled tasks.
	 */
	private void awaitRetryScheduled(int attempts) {
		await().atMost(Duration.ofSeconds(10))
			.until(this.time::getScheduledTaskCount, (count) -> count >= 1 + 2L * attempts);
	}

	private Duration elapsed() {
		return Duration.ofMillis(this.time.now(TimeUnit.MILLISECONDS) - START.toEpochMilli());
	}

	private ManagedIdentityCredential.Builder appServiceCredential() {
		Map<String, String> environment = new HashMap<>();
		environment.put("IDENTITY_ENDPOINT", endpoint.baseUrl() + APP_SERVICE_PATH);
		environment.put("IDENTITY_HEADER", IDENTITY_HEADER);
		return ManagedIdentityCredential.builder().environment(environment).scheduler(this.time);
	}

	private ManagedIdentityCredential.Builder imdsCredential() {
		return ManagedIdentityCredential.builder()
			.environment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", endpoint.baseUrl()))
			.scheduler(this.time);
	}

	private static MappingBuilder imds() {
		return get(urlPathEqualTo(IMDS_PATH));
	}

	private static MappingBuilder appService() {
		return get(urlPathEqualTo(APP_SERVICE_PATH));
	}

	private static ResponseDefinitionBuilder token(String token, String expiryField, String expiryJson) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"" + token + "\",\"" + expiryField + "\":" + expiryJson + ",\"resource\":\""
					+ VAULT + "\",\"token_type\":\"Bearer\"}");
	}

	private static long epoch(Instant instant, long plusSeconds) {
		return instant.plusSeconds(plusSeconds).getEpochSecond();
	}

	/**
	 * A shared store that holds nothing, for the builder's checks.
	 */
	private static final class NoSharedTokens implements SharedTokenStore {

		@Override
		public Mono<SharedToken> read(SharedTokenKey key) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> write(SharedTokenKey key, SharedToken token) {
			return Mono.empty();
		}

	}

}
