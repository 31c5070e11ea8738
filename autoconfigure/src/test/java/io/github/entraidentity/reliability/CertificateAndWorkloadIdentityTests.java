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
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.WorkloadIdentityCredential;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.ClientAssertionVerifier;
import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.NamedPipes;
import io.github.entraidentity.testsupport.TestCertificates;
import io.github.entraidentity.testsupport.TestCertificates.TestCertificate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificates and workload identity through the public API: rotation under load, every
 * bad input, and no key, password or assertion in any output.
 */
@ExtendWith(ReliabilityReportExtension.class)
class CertificateAndWorkloadIdentityTests {

	private static final String CLIENT_ID = "reliability-client";

	private static final ClientAssertionVerifier verifier = new ClientAssertionVerifier(CLIENT_ID);

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(verifier))
		.build();

	@TempDir
	Path work;

	@BeforeEach
	void verifyAssertions() {
		verifier.reset();
		entra.resetAll();
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token"))
			.willReturn(aResponse().withTransformers(ClientAssertionVerifier.NAME)));
	}

	@Test
	void aCertificateFileSwappedUnderLoadIsUsedFromTheNextRequestWithoutAFailedCall() throws Exception {
		TestCertificate first = TestCertificates.rsa();
		TestCertificate second = TestCertificates.rotatedRsa();
		verifier.register(first.certificate());
		verifier.register(second.certificate());
		Path file = first.writePem(this.work.resolve("client.pem"));
		ClientCertificateCredential credential = certificateCredential().certificatePath(file).build();
		AtomicInteger failed = new AtomicInteger();
		int calls = 0;
		for (int round = 0; round < 6; round++) {
			if (round == 3) {
				Path next = second.writePem(this.work.resolve("next.pem"));
				Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			int base = round * 10;
			Flux.range(0, 100)
				.flatMap((caller) -> credential.getToken("api://scope-" + (base + caller % 10) + "/.default")
					.onErrorResume((ex) -> {
						failed.incrementAndGet();
						return Mono.empty();
					}), 100)
				.blockLast();
			calls += 100;
		}
		List<String> thumbprints = verifier.accepted()
			.stream()
			.map(ClientAssertionVerifier.Accepted::thumbprint)
			.toList();
		String after = ClientAssertionVerifier.thumbprint(second.certificate());
		assertThat(failed).hasValue(0);
		assertThat(thumbprints.subList(30, thumbprints.size())).containsOnly(after);
		ReliabilityReport.record(Section.CERTIFICATES, 1,
				"certificate file replaced (written aside, moved over it) while 100 callers keep asking (10 new scopes"
						+ " a round)",
				"0 failed calls; every token request after the swap was signed with the new certificate (its"
						+ " x5t#S256), no restart",
				"one per scope and round", calls + " calls, " + thumbprints.size() + " requests");
	}

	@Test
	void badCertificatesFailTheBuildNamingTheSettingNeverThePasswordOrKey() {
		String password = TestCertificates.PASSWORD;
		Map<String, Supplier<ClientCertificateCredential.Builder>> cases = new java.util.LinkedHashMap<>();
		cases.put("EC key",
				() -> certificateCredential()
					.certificatePath(TestCertificates.ec().writePkcs12(this.work.resolve("ec.p12")))
					.certificatePassword(password));
		cases.put("key of another certificate", () -> certificateCredential()
			.certificate(TestCertificates.rotatedRsa().privateKey(), List.of(TestCertificates.rsa().certificate())));
		cases.put("wrong PKCS#12 password",
				() -> certificateCredential()
					.certificatePath(TestCertificates.rsa().writePkcs12(this.work.resolve("c.p12")))
					.certificatePassword("wrong-" + password));
		cases.put("PEM without a key", () -> certificateCredential().certificatePath(pemWithoutKey()));
		cases.put("expired certificate", () -> certificateCredential()
			.certificatePath(TestCertificates.expired().writePem(this.work.resolve("expired.pem"))));
		cases.put("certificate not yet valid", () -> certificateCredential()
			.certificatePath(TestCertificates.notYetValid().writePem(this.work.resolve("future.pem"))));
		String key = Base64.getEncoder().encodeToString(TestCertificates.rsa().privateKey().getEncoded());
		int order = 10;
		for (Map.Entry<String, Supplier<ClientCertificateCredential.Builder>> entry : cases.entrySet()) {
			InvalidCredentialSettingsException ex = org.assertj.core.api.Assertions
				.catchThrowableOfType(InvalidCredentialSettingsException.class, () -> entry.getValue().get().build());
			assertThat(ex).as(entry.getKey()).isNotNull();
			assertThat(ex.getMessage()).doesNotContain(password).doesNotContain(key.substring(40, 80));
			String setting = ex.problems().get(0).setting();
			ReliabilityReport.record(Section.CERTIFICATES, order++, entry.getKey(),
					"build() fails: " + setting + " "
							+ ex.problems().get(0).reason().replaceAll("[0-9T:.-]{19,}Z", "<date>")
							+ "; no password or key material in the message",
					"0");
		}
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void workloadIdentityFollowsTheKubeletsTokenSwapAndRereadsAnExpiredToken() throws Exception {
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.work, "sa-token-1");
		stubToken("sa-token-1", "wi-1");
		stubToken("sa-token-2", "wi-2");
		WorkloadIdentityCredential credential = workloadCredential(volume.file()).build();
		credential.getToken("api://a/.default").block();
		volume.swap("sa-token-2");
		String afterSwap = credential.getToken("api://b/.default").block().token();
		assertThat(afterSwap).isEqualTo("wi-2");
		ReliabilityReport.record(Section.CERTIFICATES, 30,
				"federated token file swapped by a kubelet-style ..data symlink swap between two token requests",
				"the next token request carried the new token; no restart", "2 (one per scope)");
		Path file = Files.writeString(this.work.resolve("token"), "sa-token-3");
		var written = Files.getLastModifiedTime(file);
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).withRequestBody(containing("sa-token-3"))
			.willReturn(TokenResponses.error(400, "invalid_client", 700024,
					"Client assertion is not within its valid time range.")));
		stubToken("sa-token-4", "wi-4");
		WorkloadIdentityCredential stale = workloadCredential(file).build();
		Files.writeString(file, "sa-token-4");
		Files.setLastModifiedTime(file, written);
		assertThat(stale.getToken("api://c/.default").block().token()).isEqualTo("wi-4");
		ReliabilityReport.record(Section.CERTIFICATES, 31,
				"Entra answers AADSTS700024 (assertion expired) for the token the credential last read",
				"the file is read once more and the request sent again with the new token: the call succeeds",
				"2 for the call");
	}

	@Test
	void unusableTokenFilesFailClearlyWithoutHanging() throws Exception {
		Path huge = this.work.resolve("huge");
		Files.write(huge, new byte[10 * 1024 * 1024]);
		Map<String, Path> cases = new java.util.LinkedHashMap<>();
		cases.put("federated token file missing", this.work.resolve("missing"));
		cases.put("federated token file is a FIFO (a read would block)", NamedPipes.create(this.work.resolve("fifo")));
		cases.put("federated token file of 10 MB", huge);
		int order = 40;
		for (Map.Entry<String, Path> entry : cases.entrySet()) {
			assertThatExceptionOfType(InvalidCredentialSettingsException.class)
				.isThrownBy(() -> workloadCredential(entry.getValue()).build())
				.satisfies(
						(ex) -> ReliabilityReport.record(Section.CERTIFICATES, 0 + entryOrder(order, cases, entry),
								entry.getKey(),
								"build() fails at once: " + ex.problems().get(0).setting() + " "
										+ ex.problems().get(0).reason().replace(entry.getValue().toString(), "<file>"),
								"0"));
		}
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void noKeyPasswordOrAssertionReachesTheLogsAtTrace() throws Exception {
		TestCertificate certificate = TestCertificates.rsa();
		verifier.register(certificate.certificate());
		Path p12 = certificate.writePkcs12(this.work.resolve("c.p12"));
		String key = Base64.getEncoder().encodeToString(certificate.privateKey().getEncoded());
		String text;
		try (LogCapture output = LogCapture.atTrace()) {
			ClientCertificateCredential credential = certificateCredential().certificatePath(p12)
				.certificatePassword(TestCertificates.PASSWORD)
				.build();
			for (int i = 0; i < 5; i++) {
				credential.getToken("api://trace-" + i + "/.default").block();
			}
			text = output.text() + credential + credential.clientAuthentication();
			assertThat(output.text()).as("TRACE logging is really on").contains("TRACE");
		}
		String assertionStart = "eyJ";
		assertThat(text).doesNotContain(TestCertificates.PASSWORD)
			.doesNotContain(key.substring(40, 80))
			.doesNotContain("client_assertion=" + assertionStart);
		for (ClientAssertionVerifier.Accepted accepted : verifier.accepted()) {
			assertThat(text).doesNotContain(accepted.id());
		}
		ReliabilityReport.record(Section.CERTIFICATES, 50,
				"PKCS#12 certificate credential, 5 token requests with every logger at TRACE",
				"neither the password, nor key material, nor an assertion (nor its jti) in log output, toString or"
						+ " diagnostics",
				"5", text.lines().count() + " lines searched");
	}

	private static int entryOrder(int base, Map<String, Path> cases, Map.Entry<String, Path> entry) {
		return base + List.copyOf(cases.keySet()).indexOf(entry.getKey());
	}

	private Path pemWithoutKey() {
		try {
			return Files.writeString(this.work.resolve("only-certificate.pem"),
					"-----BEGIN CERTIFICATE-----\n"
							+ Base64.getMimeEncoder().encodeToString(TestCertificates.rsa().encodedCertificate())
							+ "\n-----END CERTIFICATE-----\n");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void stubToken(String assertion, String token) {
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token"))
			.withRequestBody(containing("client_assertion=" + assertion))
			.willReturn(TokenResponses.token(token, 3600)));
	}

	private static ClientCertificateCredential.Builder certificateCredential() {
		return ClientCertificateCredential.builder()
			.tenantId("reliability-tenant")
			.clientId(CLIENT_ID)
			.authority(entra.baseUrl())
			.webClient(TestTls.webClient())
			.environment((name) -> null);
	}

	private static WorkloadIdentityCredential.Builder workloadCredential(Path tokenFile) {
		return WorkloadIdentityCredential.builder()
			.tenantId("reliability-tenant")
			.clientId(CLIENT_ID)
			.authority(entra.baseUrl())
			.tokenFilePath(tokenFile)
			.webClient(TestTls.webClient())
			.environment((name) -> null);
	}

}
