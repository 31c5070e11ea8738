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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.reliability.FaultRunner.Run;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.LoopbackResolver;
import io.github.entraidentity.testsupport.TestTls;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix: every fault on a cold cache (what the caller gets, how many requests
 * reach the endpoint, which retry waits were taken) and during a background refresh (the
 * still-valid cached token keeps being served). Time is virtual.
 */
@ExtendWith(ReliabilityReportExtension.class)
class FaultMatrixTests {

	static final String SECRET = "fault-matrix-secret~Value.123";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension untrusted = TestTls.untrustedHttpsWireMock();

	static Stream<FaultCase> faults() {
		String only = System.getProperty("fault.only");
		return FaultCase.all().stream().filter((fault) -> only == null || fault.name().contains(only));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void faultHasTheExpectedOutcomeAndACachedTokenSurvivesIt(FaultCase fault) {
		FaultRunner runner = new FaultRunner(entra, untrusted, entra.getRuntimeInfo().getHttpsBaseUrl(),
				FaultMatrixTests::credential);
		Run cold = runner.coldCache(fault);
		assertThat(Outcomes.describe(cold.result())).as("outcome for the caller").isEqualTo(fault.expected());
		assertThat(cold.requests()).as("requests that reached the endpoint").isEqualTo(fault.requests());
		assertThat(describeWaits(cold.waits())).as("retry waits").isEqualTo(fault.waits());
		if (cold.result() instanceof Throwable failure) {
			assertThat(failure.getMessage()).as("the message").isNotBlank().doesNotContain(SECRET);
		}
		Run refresh = runner.duringRefresh(fault);
		String servedAfter = (cold.result() instanceof AccessToken) ? Outcomes.describe(cold.result())
				: "token " + FaultCase.CACHED_TOKEN;
		assertThat(Outcomes.describe(refresh.result())).as("token served after the background refresh")
			.isEqualTo(servedAfter);
		assertThat(refresh.requests()).as("requests of the background refresh").isEqualTo(fault.requests());
		Run expired = runner.afterExpiry(fault);
		assertThat(Outcomes.describe(expired.result())).as("outcome once the cached token has expired")
			.isEqualTo(fault.expected());
		assertThat(expired.requests()).as("requests once the cached token has expired").isEqualTo(fault.requests());
		ReliabilityReport.record(Section.FAULTS,
				FaultCase.all().stream().map(FaultCase::name).toList().indexOf(fault.name()), fault.name(),
				fault.expected() + "; retry waits: " + fault.waits() + ". During a refresh: "
						+ FaultRunner.CALLS_DURING_REFRESH + " callers got the cached token, then "
						+ (servedAfter.endsWith(FaultCase.CACHED_TOKEN) ? "still the cached token" : "the new token")
						+ ". Once the cached token expired: the same outcome, never the expired token",
				fault.requests() + " / " + fault.requests() + " / " + fault.requests(),
				Outcomes.message(cold.result()));
	}

	private static ClientSecretCredential credential(String authority, VirtualClock clock, NetworkSwitch network,
			CacheEvents events) {
		WebClient webClient = TestTls.webClient(HttpClient.create().resolver(LoopbackResolver.INSTANCE))
			.mutate()
			.filter(network.filter())
			.build();
		return TestCredentials.builder(authority, webClient)
			.clientSecret(SECRET)
			.scheduler(clock)
			.responseTimeout(FaultRunner.RESPONSE_TIMEOUT)
			.totalTimeout(FaultRunner.TOTAL_TIMEOUT)
			.retryDelay(FaultRunner.RETRY_DELAY)
			.eventListener(events)
			.build();
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
			long base = FaultRunner.RETRY_DELAY.toMillis() << i;
			boolean backoff = millis >= base * 0.8 && millis <= Math.min(base * 1.2, 8000);
			described
				.add(backoff ? "backoff" : (millis == 30000) ? "30000 ms (capped by maxRetryAfter)" : millis + " ms");
		}
		return String.join(", ", described);
	}

}
