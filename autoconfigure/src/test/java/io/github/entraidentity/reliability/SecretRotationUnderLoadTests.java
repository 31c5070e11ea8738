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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.ClientSecretStubs;
import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.entraidentity.testsupport.ClientSecretStubs.NEW_SECRET;
import static io.github.entraidentity.testsupport.ClientSecretStubs.OLD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rotating the client secret while callers keep asking: a Kubernetes-style symlink swap
 * of the secret file, Entra switching before the file does, and an ordered list whose
 * first secret is revoked. The endpoint's accepted secret changes during each case; every
 * log line (at TRACE), health detail and exception is searched for both secrets.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(ReliabilityReportExtension.class)
@Timeout(120)
class SecretRotationUnderLoadTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final int CALLERS = 100;

	private static final int SCOPES = 10;

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).containerThreads(SCOPES + 20))
		.build();

	@TempDir
	Path directory;

	private LogCapture logs;

	@BeforeEach
	void rejectUnknownSecrets() {
		this.logs = LogCapture.atTrace();
		ClientSecretStubs.rejectUnknown(entra, TOKEN_PATH);
	}

	@AfterEach
	void noSecretInLogs() {
		this.logs.close();
		assertThat(this.logs.text()).doesNotContain(OLD_SECRET)
			.doesNotContain(NEW_SECRET)
			.doesNotContain(ClientSecretStubs.encoded(OLD_SECRET));
	}

	@Test
	void symlinkSwapWhileHundredCallersKeepAskingFailsNoCall() throws Exception {
		StubMapping acceptOld = accept(OLD_SECRET);
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, OLD_SECRET);
		Path secretFile = volume.file();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClientSecretCredential credential = builder().clientSecretFile(secretFile)
			.eventListener(new IdentityTokenMetrics(registry, ClientSecretCredential.class))
			.build();
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger roundCount = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Semaphore rounds = new Semaphore(0);
		Thread callers = new Thread(() -> {
			while (!stop.get()) {
				int round = roundCount.getAndIncrement();
				Flux.range(0, CALLERS)
					.flatMap((caller) -> credential.getToken("api://round-" + round + "/scope-" + (caller % SCOPES))
						.doOnNext((token) -> calls.incrementAndGet())
						.onErrorResume((ex) -> {
							failures.incrementAndGet();
							return Mono.empty();
						}), CALLERS)
					.blockLast();
				rounds.release();
			}
		}, "rotation-callers");
		callers.start();
		rounds.acquire(5);
		// Entra's overlap: both secrets valid while the kubelet updates the volume
		StubMapping acceptNew = accept(NEW_SECRET);
		volume.swap(NEW_SECRET);
		rounds.acquire(5);
		entra.removeStub(acceptOld);
		rounds.acquire(5);
		stop.set(true);
		callers.join();
		assertThat(failures).hasValue(0);
		assertThat(credential.getToken("api://after-swap/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
		List<LoggedRequest> requests = requests();
		assertThat(secretOf(requests.get(requests.size() - 1))).isEqualTo(NEW_SECRET);
		assertThat(switches(registry, "source_changed")).isEqualTo(1);
		long withOld = requests.stream().filter((request) -> secretOf(request).equals(OLD_SECRET)).count();
		entra.removeStub(acceptNew);
		ReliabilityReport.record(Section.LOAD, 6,
				"client-secret file replaced by a Kubernetes-style symlink swap while " + CALLERS
						+ " callers keep asking (" + SCOPES + " new scopes a round); Entra accepts both secrets, then"
						+ " only the new one",
				"0 failed calls; the next token request after the swap carried the new secret; no restart; secret"
						+ " switch counter 1 (source_changed)",
				"one per scope and round, the old secret until the swap, then the new one",
				calls.get() + " calls in " + roundCount.get() + " rounds; " + requests.size() + " requests, " + withOld
						+ " with the old secret");
	}

	@Test
	void entraSwitchingBeforeTheFileCostsOneRejectedAttempt() throws Exception {
		StubMapping acceptOld = accept(OLD_SECRET);
		Path secretFile = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET + "\n");
		ClientSecretCredential credential = builder().clientSecretFile(secretFile).build();
		credential.getToken("api://first/.default").block();
		accept(NEW_SECRET);
		entra.removeStub(acceptOld);
		// In place, same size and modification time: the check before the request cannot
		// see the change, only the re-read after the rejection can
		FileTime modified = Files.getLastModifiedTime(secretFile);
		Files.writeString(secretFile, NEW_SECRET + "\n");
		Files.setLastModifiedTime(secretFile, modified);
		AccessToken token = credential.getToken("api://second/.default").block();
		assertThat(token.token()).isEqualTo("tok-" + NEW_SECRET);
		List<LoggedRequest> requests = requests();
		assertThat(requests).extracting(SecretRotationUnderLoadTests::secretOf)
			.containsExactly(OLD_SECRET, OLD_SECRET, NEW_SECRET);
		ReliabilityReport.record(Section.LOAD, 7,
				"Entra accepts only the new secret before the client-secret file changes (rewritten in place, same"
						+ " size and time)",
				"one rejected attempt (AADSTS7000215), the file is read again, the same call succeeds",
				"2 for the call (old secret rejected, new secret accepted)");
	}

	@Test
	void revokedFirstSecretOfTwoUnderHundredCallers() {
		accept(NEW_SECRET);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClientSecretCredential credential = builder().clientSecrets(List.of(OLD_SECRET, NEW_SECRET))
			.eventListener(new IdentityTokenMetrics(registry, ClientSecretCredential.class))
			.build();
		List<AccessToken> tokens = Flux.range(0, CALLERS)
			.flatMap((caller) -> credential.getToken("api://overlap/scope-" + (caller % SCOPES)), CALLERS)
			.collectList()
			.block();
		assertThat(tokens).hasSize(CALLERS)
			.allSatisfy((token) -> assertThat(token.token()).isEqualTo("tok-" + NEW_SECRET));
		Health health = new IdentityHealthIndicator(credential, List.of(), Duration.ofSeconds(5)).health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("clientAuthentication",
				Map.of("method", "client_secret", "position", 2, "of", 2, "source", "configured value"));
		assertThat(health.getDetails()).containsKey("rotationAdvice");
		assertThat(health.toString()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
		assertThat(switches(registry, "secret_invalid")).isEqualTo(1);
		List<LoggedRequest> requests = requests();
		long rejected = requests.stream().filter((request) -> secretOf(request).equals(OLD_SECRET)).count();
		assertThat(rejected).isBetween(1L, (long) SCOPES);
		int before = requests.size();
		credential.getToken("api://later/.default").block();
		assertThat(secretOf(requests().get(before))).isEqualTo(NEW_SECRET);
		ReliabilityReport.record(Section.LOAD, 8,
				"identity.client-secrets [old, new] with old revoked, " + CALLERS + " callers across " + SCOPES
						+ " scopes on a cold cache",
				"all " + CALLERS + " got a token; health UP, clientSecret position 2 of 2 with rotationAdvice;"
						+ " secret switch counter 1 (secret_invalid); later requests use the new secret only",
				"one per scope with the new secret, plus one rejected attempt per scope that asked before the switch",
				requests.size() + " requests, " + rejected + " rejected");
	}

	@Test
	void allSecretsRejectedFailsWithEntrasError() {
		ClientSecretCredential credential = builder().clientSecrets(List.of(OLD_SECRET, NEW_SECRET)).build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken("api://x/.default").block())
			.satisfies((ex) -> {
				assertThat(ex.errorCodes()).containsExactly(7000215L);
				assertThat(ex.getMessage()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
			});
		assertThat(requests()).extracting(SecretRotationUnderLoadTests::secretOf)
			.containsExactly(OLD_SECRET, NEW_SECRET);
		ReliabilityReport.record(Section.LOAD, 9, "identity.client-secrets [old, new], both rejected",
				"ClientAuthenticationException invalid_client AADSTS7000215, as with one secret", "2 (one per secret)");
	}

	private ClientSecretCredential.Builder builder() {
		return ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.environment((name) -> null)
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			// Many TLS handshakes at once on a busy machine can exceed the default
			.responseTimeout(Duration.ofSeconds(60))
			.totalTimeout(Duration.ofSeconds(120));
	}

	private static double switches(MeterRegistry registry, String reason) {
		return registry.get(IdentityTokenMetrics.CLIENT_AUTHENTICATION_SWITCHES_METER)
			.tag("reason", reason)
			.counter()
			.count();
	}

	private static StubMapping accept(String secret) {
		return ClientSecretStubs.accept(entra, TOKEN_PATH, secret);
	}

	private static List<LoggedRequest> requests() {
		return entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	private static String secretOf(LoggedRequest request) {
		return TestCredentials.form(request).get("client_secret");
	}

}
