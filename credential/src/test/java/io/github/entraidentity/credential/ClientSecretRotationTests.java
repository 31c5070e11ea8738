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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.ClientSecretStubs;
import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.entraidentity.testsupport.ClientSecretStubs.NEW_SECRET;
import static io.github.entraidentity.testsupport.ClientSecretStubs.OLD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rotating the client secret without a restart and without a failed call: a secret file
 * replaced (by a Kubernetes-style symlink swap or in place) and an ordered list of
 * secrets, against a real HTTPS token endpoint whose accepted secret changes during the
 * test. No secret value appears in any log line, exception or description.
 *
 * @author Entra Identity contributors
 */
@Timeout(60)
class ClientSecretRotationTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	private LogCapture logs;

	private final List<ClientAuthenticationSwitch> switches = new CopyOnWriteArrayList<>();

	@BeforeEach
	void rejectUnknownSecrets() {
		this.logs = LogCapture.atTrace();
		ClientSecretStubs.rejectUnknown(entra, TestCredentials.TOKEN_PATH);
	}

	@AfterEach
	void noSecretInLogs() {
		this.logs.close();
		assertThat(this.logs.text()).doesNotContain(OLD_SECRET)
			.doesNotContain(NEW_SECRET)
			.doesNotContain(ClientSecretStubs.encoded(OLD_SECRET));
	}

	@Test
	void symlinkSwapUnderHundredCallersFailsNoCallAndTheNextRequestCarriesTheNewSecret() throws Exception {
		StubMapping acceptOld = accept(OLD_SECRET);
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, OLD_SECRET);
		Path secretFile = volume.file();
		ClientSecretCredential credential = builder().clientSecretFile(secretFile).build();
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger calls = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		Semaphore rounds = new Semaphore(0);
		Thread callers = new Thread(() -> {
			for (int round = 0; !stop.get(); round++) {
				int r = round;
				Flux.range(0, 100)
					.flatMap((caller) -> credential.getToken("api://round-" + r + "/scope-" + (caller % 10))
						.doOnNext((token) -> calls.incrementAndGet())
						.onErrorResume((ex) -> {
							failures.incrementAndGet();
							return Mono.empty();
						}), 100)
					.blockLast();
				rounds.release();
			}
		});
		callers.start();
		rounds.acquire(3);
		// The overlap Entra allows: both secrets are valid while the volume is updated
		StubMapping acceptNew = accept(NEW_SECRET);
		volume.swap(NEW_SECRET);
		rounds.acquire(3);
		entra.removeStub(acceptOld);
		rounds.acquire(3);
		stop.set(true);
		callers.join();
		assertThat(failures).hasValue(0);
		assertThat(calls.get()).isGreaterThanOrEqualTo(900);
		assertThat(credential.getToken("api://after-swap/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
		List<LoggedRequest> requests = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(secretOf(requests.get(requests.size() - 1))).isEqualTo(NEW_SECRET);
		assertThat(this.switches).extracting(ClientAuthenticationSwitch::reason)
			.containsExactly(ClientAuthenticationSwitch.Reason.SOURCE_CHANGED);
		assertThat(credential.clientAuthentication().source()).isEqualTo("file " + secretFile);
		entra.removeStub(acceptNew);
	}

	@Test
	void secretAcceptedBeforeTheFileChangesCostsOneRejectedAttemptThenTheFileIsReadAgain() throws Exception {
		StubMapping acceptOld = accept(OLD_SECRET);
		Path secretFile = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET + "\n");
		ClientSecretCredential credential = builder().clientSecretFile(secretFile).build();
		assertThat(credential.getToken("api://first/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		// Entra switches first; the file changes in place with the same size and time, so
		// the credential's check before the request cannot see it
		accept(NEW_SECRET);
		entra.removeStub(acceptOld);
		FileTime modified = Files.getLastModifiedTime(secretFile);
		Files.writeString(secretFile, NEW_SECRET + "\n");
		Files.setLastModifiedTime(secretFile, modified);
		assertThat(credential.getToken("api://second/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
		List<LoggedRequest> requests = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(requests).extracting(ClientSecretRotationTests::secretOf)
			.containsExactly(OLD_SECRET, OLD_SECRET, NEW_SECRET);
		assertThat(credential.lastFetch().succeeded()).isTrue();
	}

	@Test
	void secondSecretIsUsedWhenTheFirstIsRevokedAndKeptFromThenOn() {
		accept(NEW_SECRET);
		ClientSecretCredential credential = builder().clientSecrets(List.of(OLD_SECRET, NEW_SECRET)).build();
		assertThat(credential.clientAuthentication()).isEqualTo(
				new ClientAuthenticationInUse(ClientAuthenticationInUse.CLIENT_SECRET, 1, 2, "configured value", null));
		List<AccessToken> tokens = Flux.range(0, 100)
			.flatMap((caller) -> credential.getToken("api://overlap/scope-" + (caller % 10)), 100)
			.collectList()
			.block();
		assertThat(tokens).hasSize(100).allSatisfy((token) -> assertThat(token.token()).isEqualTo("tok-" + NEW_SECRET));
		assertThat(credential.clientAuthentication())
			.isEqualTo(new ClientAuthenticationInUse(ClientAuthenticationInUse.CLIENT_SECRET, 2, 2, "configured value",
					ClientAuthenticationSwitch.Reason.SECRET_INVALID));
		assertThat(this.switches).containsExactly(new ClientAuthenticationSwitch(1, 2,
				ClientAuthenticationSwitch.Reason.SECRET_INVALID, "configured value"));
		int before = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).size();
		credential.getToken("api://later/.default").block();
		List<LoggedRequest> requests = entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(requests).hasSize(before + 1);
		assertThat(secretOf(requests.get(before))).isEqualTo(NEW_SECRET);
		assertThat(this.logs.text())
			.contains("Microsoft Entra ID rejected client secret 1 of 2 (configured value)"
					+ " as wrong or unknown (AADSTS7000215)")
			.contains("Using client secret 2 of 2 (configured value) from now on");
	}

	@Test
	void expiredFirstSecretIsReportedAsExpired() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).atPriority(1)
			.withRequestBody(containing("client_secret=" + ClientSecretStubs.encoded(OLD_SECRET)))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000222,
					"The provided client secret keys for app 'client-1' are expired.")));
		accept(NEW_SECRET);
		ClientSecretCredential credential = builder().clientSecrets(List.of(OLD_SECRET, NEW_SECRET)).build();
		assertThat(credential.getToken("api://x/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
		assertThat(credential.clientAuthentication().rejection())
			.isEqualTo(ClientAuthenticationSwitch.Reason.SECRET_EXPIRED);
		assertThat(this.switches).extracting(ClientAuthenticationSwitch::reason)
			.containsExactly(ClientAuthenticationSwitch.Reason.SECRET_EXPIRED);
		assertThat(this.logs.text())
			.contains("rejected client secret 1 of 2 (configured value) as expired (AADSTS7000222)");
	}

	@Test
	void allSecretsRejectedFailsWithEntrasErrorAsWithOneSecret() {
		ClientSecretCredential credential = builder().clientSecrets(List.of(OLD_SECRET, NEW_SECRET)).build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken("api://x/.default").block())
			.satisfies((ex) -> {
				assertThat(ex.error()).isEqualTo("invalid_client");
				assertThat(ex.errorCodes()).containsExactly(7000215L);
				assertThat(ex.getMessage()).startsWith("Microsoft Entra ID error '(invalid_client) AADSTS7000215:")
					.doesNotContain(OLD_SECRET)
					.doesNotContain(NEW_SECRET);
			});
		assertThat(credential.clientAuthentication().position()).isEqualTo(1);
		assertThat(this.switches).isEmpty();
		assertThat(entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))))
			.extracting(ClientSecretRotationTests::secretOf)
			.containsExactly(OLD_SECRET, NEW_SECRET);
	}

	@Test
	void cachedTokensStayValidAcrossARotation() throws Exception {
		accept(OLD_SECRET);
		accept(NEW_SECRET);
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, OLD_SECRET);
		ClientSecretCredential credential = builder().clientSecretFile(volume.file()).build();
		assertThat(credential.getToken("api://x/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		volume.swap(NEW_SECRET);
		assertThat(credential.getToken("api://x/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(credential.getToken("api://y/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
	}

	@Test
	void fileThatDisappearsLaterKeepsTheLastSecretWithOneWarning() throws Exception {
		accept(OLD_SECRET);
		Path secretFile = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET);
		ClientSecretCredential credential = builder().clientSecretFile(secretFile).build();
		credential.getToken("api://a/.default").block();
		Files.delete(secretFile);
		assertThat(credential.getToken("api://b/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		assertThat(credential.getToken("api://c/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		String warning = "Client secret file " + secretFile + " does not exist; the credential keeps using the secret"
				+ " it read last";
		assertThat(this.logs.text().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
	}

	@Test
	void missingOrEmptySecretFileFailsTheBuildNamingTheSetting() throws Exception {
		Path missing = this.directory.resolve("missing");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> builder().clientSecretFile(missing).build())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.setting()).isEqualTo("clientSecretFile");
				assertThat(problem.reason()).isEqualTo("names a file that does not exist, " + missing);
			}));
		Path empty = Files.writeString(this.directory.resolve("empty"), " \n");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> builder().clientSecretFile(empty).build())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.extracting(InvalidCredentialSettingsException.InvalidSetting::reason)
				.isEqualTo("names an empty file, " + empty));
	}

	@Test
	void secretAndSecretListTogetherAreReported() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> builder().clientSecret(OLD_SECRET).clientSecrets(List.of(OLD_SECRET, NEW_SECRET)).build())
			.satisfies((ex) -> {
				assertThat(ex.problems()).singleElement().satisfies((problem) -> {
					assertThat(problem.setting()).isEqualTo("clientSecrets");
					assertThat(problem.reason()).isEqualTo("is set together with clientSecret");
				});
				assertThat(ex.getMessage()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
			});
	}

	@Test
	void blankOrMissingSecretsInTheListAreReportedByPosition() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ClientSecretCredential.builder()
				.tenantId(TestCredentials.TENANT)
				.clientId(TestCredentials.CLIENT_ID)
				.clientSecrets(List.of(OLD_SECRET, " "))
				.build())
			.satisfies((ex) -> assertThat(ex.problems())
				.extracting(InvalidCredentialSettingsException.InvalidSetting::setting)
				.containsExactly("clientSecrets[1]"));
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ClientSecretCredential.builder()
				.tenantId(TestCredentials.TENANT)
				.clientId(TestCredentials.CLIENT_ID)
				.clientSecrets(List.of())
				.build())
			.satisfies((ex) -> assertThat(ex.problems())
				.extracting(InvalidCredentialSettingsException.InvalidSetting::setting)
				.containsExactly("clientSecrets"));
	}

	@Test
	void customSourceIsReadOnDemand() {
		accept(OLD_SECRET);
		accept(NEW_SECRET);
		AtomicInteger reads = new AtomicInteger();
		ClientSecretSource source = () -> (reads.incrementAndGet() <= 2) ? OLD_SECRET : NEW_SECRET;
		ClientSecretCredential credential = builder().clientSecretSources(List.of(source)).build();
		// The build's check read it once
		assertThat(credential.getToken("api://a/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		assertThat(credential.getToken("api://a/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
		assertThat(credential.getToken("api://b/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
		assertThat(reads).hasValue(3);
		assertThat(credential.toString()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
	}

	private ClientSecretCredential.Builder builder() {
		// TestCredentials' builder sets a secret of its own, so this one starts bare
		return ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.environment(java.util.Map.of())
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.eventListener(new CredentialEventListener() {
				@Override
				public void clientAuthenticationSwitched(ClientAuthenticationSwitch event) {
					ClientSecretRotationTests.this.switches.add(event);
				}
			});
	}

	private static StubMapping accept(String secret) {
		return ClientSecretStubs.accept(entra, TestCredentials.TOKEN_PATH, secret);
	}

	private static String secretOf(LoggedRequest request) {
		return TestCredentials.form(request).get("client_secret");
	}

}
