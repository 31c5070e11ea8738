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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.reliability.FaultRunner.CredentialFactory;
import io.github.entraidentity.reliability.FaultRunner.Run;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LoopbackResolver;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.netty.handler.logging.LogLevel;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.logging.AdvancedByteBufFormat;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at TRACE, the fault matrix leaks neither the client secret nor any
 * issued token into log output, exception messages, stack traces, meter tags, health
 * details or {@code toString()}.
 */
@ExtendWith(ReliabilityReportExtension.class)
class FaultMatrixSecretsTests {

	/**
	 * A secret with characters that URL encoding changes, so both forms are searched.
	 */
	static final String SECRET = "leak-Canary~Secret!$&'()*+,;=:@/?#[]%_42";

	static final String WIRETAP_LOGGER = "reliability.wiretap";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension untrusted = TestTls.untrustedHttpsWireMock();

	@Test
	void bootStyleClientWithRequestDetailLoggingLeaksNothingThroughTheFaultMatrix() {
		Evidence evidence = new Evidence();
		try (LogCapture output = LogCapture.atTrace()) {
			CredentialFactory credentials = (authority, clock, network, events) -> builder(authority, evidence)
				.webClient(TestTls.webClient(HttpClient.create().resolver(LoopbackResolver.INSTANCE))
					.mutate()
					.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true))
					.filter(network.filter())
					.build())
				.scheduler(clock)
				.eventListener(events)
				.build();
			FaultRunner runner = new FaultRunner(entra, untrusted, entra.getRuntimeInfo().getHttpsBaseUrl(),
					credentials);
			for (FaultCase fault : FaultCase.all()) {
				evidence.add(runner.coldCache(fault));
				evidence.add(runner.duringRefresh(fault));
			}
			evidence.output(output.text());
			assertThat(output.text()).as("TRACE logging is really on")
				.contains("TRACE")
				.contains("reactor.netty")
				.contains("org.springframework.web.reactive.function.client.ExchangeFunctions");
		}
		evidence.assertNoSecretOrToken();
		ReliabilityReport.record(
				Section.SECRETS, 1, "Boot-style WebClient (HTTPS, codec request-detail logging on, no wiretap), "
						+ FaultCase.all().size() + " faults cold and during refresh",
				"neither", evidence.places(), evidence.sizes());
	}

	@Test
	void credentialsOwnClientLeaksNothingThroughTheFaultMatrix() {
		Evidence evidence = new Evidence();
		try (LogCapture output = LogCapture.atTrace()) {
			// The credential's own client trusts only the JDK's CAs, so it talks plain
			// http
			// to the loopback endpoint: the worst case, nothing is encrypted on the wire.
			CredentialFactory credentials = (authority, clock, network,
					events) -> builder(authority, evidence).scheduler(clock).eventListener(events).build();
			FaultRunner runner = new FaultRunner(entra, untrusted, entra.getRuntimeInfo().getHttpBaseUrl(),
					credentials);
			// The DNS failure is left out here: the credential's own client resolves
			// names itself, and tests never send a DNS query off the machine.
			for (FaultCase fault : FaultCase.all()) {
				if (fault.network() == FaultCase.Network.UNRESOLVABLE_HOST) {
					continue;
				}
				evidence.add(runner.coldCache(fault));
			}
			evidence.output(output.text());
			assertThat(output.text()).as("TRACE logging is really on").contains("TRACE").contains("reactor.netty");
		}
		evidence.assertNoSecretOrToken();
		ReliabilityReport.record(
				Section.SECRETS, 2, "the credential's own WebClient (plain http to loopback), the "
						+ (FaultCase.all().size() - 1) + " faults other than DNS on a cold cache",
				"neither", evidence.places(), evidence.sizes());
	}

	@Test
	void wiretapOnAUserSuppliedClientIsRemovedBeforeTheSecretIsWritten() {
		entra.resetAll();
		entra.stubFor(post(urlPathMatching(FaultCase.TOKEN_PATH))
			.willReturn(TokenResponses.token(FaultCase.FRESH_TOKEN, 3600)));
		String text;
		try (LogCapture output = LogCapture.atTrace()) {
			ClientSecretCredential credential = builder(entra.getRuntimeInfo().getHttpsBaseUrl(), new Evidence())
				.webClient(WebClient.builder()
					// A new connection, so the wiretap is on it from the start. TEXTUAL
					// logs bytes as text, so a secret would show as one string
					// (wiretap(true) logs the same bytes as a hex dump).
					.clientConnector(new ReactorClientHttpConnector(TestTls.httpClient(HttpClient.newConnection()
						.wiretap(WIRETAP_LOGGER, LogLevel.DEBUG, AdvancedByteBufFormat.TEXTUAL))))
					.build())
				.build();
			credential.getToken(FaultRunner.SCOPE).block(Duration.ofSeconds(30));
			credential.close();
			text = output.text();
		}
		assertThat(text).as("the wiretap was on").contains(WIRETAP_LOGGER).contains("CONNECT");
		assertThat(text).as("wiretap output")
			.doesNotContain(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
			.doesNotContain(SECRET)
			.doesNotContain(FaultCase.FRESH_TOKEN);
		ReliabilityReport.record(Section.SECRETS, 3,
				"user-supplied WebClient with a Reactor Netty wiretap on (HttpClient.wiretap, logging raw bytes)",
				"neither: the credential removes the wiretap handler from the token request's connection before the"
						+ " form is written",
				"log output", text.lines().count() + " log lines");
	}

	private static ClientSecretCredential.Builder builder(String authority, Evidence evidence) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(evidence.meters));
		return TestCredentials.builder()
			.clientSecret(SECRET)
			.authority(authority)
			.responseTimeout(FaultRunner.RESPONSE_TIMEOUT)
			.totalTimeout(FaultRunner.TOTAL_TIMEOUT)
			.retryDelay(FaultRunner.RETRY_DELAY)
			.observationRegistry(observations)
			.eventListener(new IdentityTokenMetrics(evidence.meters, ClientSecretCredential.class));
	}

	/**
	 * Everything a secret or token could leak into, gathered from the runs.
	 */
	private static final class Evidence {

		final SimpleMeterRegistry meters = new SimpleMeterRegistry();

		private final List<String> exceptions = new ArrayList<>();

		private final List<String> health = new ArrayList<>();

		private final List<String> descriptions = new ArrayList<>();

		private String output = "";

		void add(Run run) {
			if (run.result() instanceof Throwable failure) {
				StringWriter trace = new StringWriter();
				failure.printStackTrace(new PrintWriter(trace));
				this.exceptions.add(trace.toString());
			}
			if (run.lastFetch() != null && run.lastFetch().failure() != null) {
				StringWriter trace = new StringWriter();
				run.lastFetch().failure().printStackTrace(new PrintWriter(trace));
				this.exceptions.add(trace.toString());
			}
			this.descriptions.add(String.valueOf(run.lastFetch()));
			this.descriptions.add(run.credential().toString());
			this.descriptions.add(String.valueOf(run.credential().cachedTokens()));
			this.health.add(String
				.valueOf(new IdentityHealthIndicator(run.credential(), List.of(), Duration.ofSeconds(5)).health()
					.block(Duration.ofSeconds(10))));
		}

		void output(String text) {
			this.output = text;
		}

		String meterIds() {
			return this.meters.getMeters()
				.stream()
				.map(Meter::getId)
				.map(Object::toString)
				.collect(Collectors.joining("\n"));
		}

		void assertNoSecretOrToken() {
			List<String> needles = new ArrayList<>(FaultCase.ISSUED_TOKENS);
			needles.add(SECRET);
			needles.add(URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
			assertThat(this.exceptions).as("exceptions examined").isNotEmpty();
			assertThat(this.meters.getMeters()).as("meters examined").isNotEmpty();
			for (String needle : needles) {
				assertThat(this.output).as("log output").doesNotContain(needle);
				assertThat(String.join("\n", this.exceptions)).as("exception messages and stack traces")
					.doesNotContain(needle);
				assertThat(meterIds()).as("meter names and tags").doesNotContain(needle);
				assertThat(String.join("\n", this.health)).as("health").doesNotContain(needle);
				assertThat(String.join("\n", this.descriptions)).as("toString of credential, outcome, cached tokens")
					.doesNotContain(needle);
			}
		}

		String places() {
			return "log output, stack traces, meter tags, health details, toString()";
		}

		String sizes() {
			return this.output.lines().count() + " log lines, " + this.exceptions.size() + " stack traces, "
					+ this.meters.getMeters().size() + " meters, " + this.health.size() + " health results";
		}

	}

}
