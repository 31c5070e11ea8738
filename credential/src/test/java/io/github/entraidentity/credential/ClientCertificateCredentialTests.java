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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.ClientAssertionVerifier;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.TestCertificates;
import io.github.entraidentity.testsupport.TestCertificates.TestCertificate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A certificate credential against a token endpoint that verifies its client assertions
 * with the JDK's {@code Signature}, as Entra does ({@link ClientAssertionVerifier}).
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
class ClientCertificateCredentialTests {

	private static final String SCOPE = "https://vault.azure.net/.default";

	private static final ClientAssertionVerifier verifier = new ClientAssertionVerifier(TestCredentials.CLIENT_ID);

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(verifier))
		.build();

	@TempDir
	Path directory;

	private final TestCertificate certificate = TestCertificates.rsa();

	@BeforeEach
	void registerCertificate() {
		verifier.reset();
		verifier.register(this.certificate.certificate());
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token"))
			.willReturn(aResponse().withTransformers(ClientAssertionVerifier.NAME)));
	}

	@Test
	void pemWithPkcs8KeySignsAPs256AssertionForTheRequestsTokenEndpoint() {
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePem(file("c.pem")))
			.build();
		assertThat(credential.getToken(SCOPE).block().token()).startsWith("cert-token-");
		assertThat(verifier.accepted()).singleElement().satisfies((accepted) -> {
			assertThat(accepted.algorithm()).isEqualTo("PS256");
			assertThat(accepted.chain()).isFalse();
			assertThat(accepted.thumbprint())
				.isEqualTo(ClientAssertionVerifier.thumbprint(this.certificate.certificate()));
			assertThat(accepted.audience()).isEqualTo(entra.baseUrl() + TestCredentials.TOKEN_PATH);
		});
		assertThat(credential.clientAuthentication().method()).isEqualTo("client_certificate");
		assertThat(credential.clientAuthentication().source()).isEqualTo("file " + file("c.pem"));
	}

	@Test
	void pemWithPkcs1KeyIsRead() {
		ClientCertificateCredential credential = builder()
			.certificatePath(this.certificate.writePkcs1Pem(file("c.pem")))
			.build();
		assertThat(credential.getToken(SCOPE).block().token()).startsWith("cert-token-");
	}

	@Test
	void pkcs12WithItsPasswordIsRead() {
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePkcs12(file("c.p12")))
			.certificatePassword(TestCertificates.PASSWORD)
			.build();
		assertThat(credential.getToken(SCOPE).block().token()).startsWith("cert-token-");
	}

	@Test
	void inMemoryCertificateSignsRs256WithTheChainWhenAsked() {
		ClientCertificateCredential credential = builder()
			.certificate(this.certificate.privateKey(), List.of(this.certificate.certificate()))
			.signingAlgorithm(AssertionSigningAlgorithm.RS256)
			.sendCertificateChain(true)
			.build();
		credential.getToken(SCOPE).block();
		assertThat(verifier.accepted()).singleElement().satisfies((accepted) -> {
			assertThat(accepted.algorithm()).isEqualTo("RS256");
			assertThat(accepted.chain()).isTrue();
		});
	}

	@Test
	void anAdditionallyAllowedTenantGetsAnAssertionForItsOwnEndpoint() {
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePem(file("c.pem")))
			.additionallyAllowedTenants(List.of("tenant-b"))
			.build();
		credential.getToken(TokenRequestContext.of(SCOPE).withTenantId("tenant-b")).block();
		assertThat(verifier.accepted()).singleElement()
			.satisfies((accepted) -> assertThat(accepted.audience())
				.isEqualTo(entra.baseUrl() + "/tenant-b/oauth2/v2.0/token"));
	}

	@Test
	void cachedTokensSignNothingAndEachTokenRequestSignsAFreshAssertion() {
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePem(file("c.pem")))
			.build();
		for (int i = 0; i < 5; i++) {
			credential.getToken(SCOPE).block();
			credential.getTokenSync("api://other/.default");
		}
		assertThat(verifier.accepted()).hasSize(2);
		assertThat(verifier.accepted().stream().map(ClientAssertionVerifier.Accepted::id).distinct()).hasSize(2);
	}

	@Test
	void aReplacedCertificateFileIsUsedFromTheNextTokenRequestWithoutAFailedCall() throws Exception {
		TestCertificate rotated = TestCertificates.rotatedRsa();
		verifier.register(rotated.certificate());
		Path file = this.certificate.writePem(file("c.pem"));
		List<ClientAuthenticationSwitch> switches = new java.util.concurrent.CopyOnWriteArrayList<>();
		ClientCertificateCredential credential = builder().certificatePath(file)
			.eventListener(new CredentialEventListener() {

				@Override
				public void clientAuthenticationSwitched(ClientAuthenticationSwitch event) {
					switches.add(event);
				}

			})
			.build();
		AtomicInteger failed = new AtomicInteger();
		for (int round = 0; round < 4; round++) {
			if (round == 2) {
				// Written aside and moved over the file, as a secret volume update
				// replaces it
				Path next = rotated.writePem(file("next.pem"));
				Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			int base = round * 10;
			Flux.range(0, 100)
				.flatMap((caller) -> credential.getToken("api://scope-" + (base + caller % 10) + "/.default")
					.onErrorResume((ex) -> {
						failed.incrementAndGet();
						return reactor.core.publisher.Mono.empty();
					}), 100)
				.blockLast();
		}
		assertThat(failed).hasValue(0);
		String before = ClientAssertionVerifier.thumbprint(this.certificate.certificate());
		String after = ClientAssertionVerifier.thumbprint(rotated.certificate());
		List<String> thumbprints = verifier.accepted()
			.stream()
			.map(ClientAssertionVerifier.Accepted::thumbprint)
			.toList();
		assertThat(thumbprints).hasSize(40);
		assertThat(thumbprints.subList(0, 20)).containsOnly(before);
		assertThat(thumbprints.subList(20, 40)).containsOnly(after);
		assertThat(credential.certificateInUse().thumbprint()).isEqualTo(after);
		assertThat(switches).singleElement()
			.satisfies(
					(event) -> assertThat(event.reason()).isEqualTo(ClientAuthenticationSwitch.Reason.SOURCE_CHANGED));
	}

	@Test
	void aRejectedSignatureReadsTheSourceOnceMoreAndRetriesWithARotatedCertificate() {
		TestCertificate rotated = TestCertificates.rotatedRsa();
		verifier.reset();
		verifier.register(rotated.certificate());
		AtomicInteger rereads = new AtomicInteger();
		ClientCertificateSource source = new ClientCertificateSource() {

			@Override
			public ClientCertificate certificate() {
				return new ClientCertificate(TestCertificates.rsa().privateKey(),
						List.of(TestCertificates.rsa().certificate()));
			}

			@Override
			public ClientCertificate reread() {
				rereads.incrementAndGet();
				return new ClientCertificate(rotated.privateKey(), List.of(rotated.certificate()));
			}

		};
		ClientCertificateCredential credential = builder().certificateSource(source).build();
		assertThat(credential.getToken(SCOPE).block().token()).startsWith("cert-token-");
		assertThat(rereads).hasValue(1);
		entra.verify(2, postRequestedFor(urlMatching("/tenant-1/oauth2/v2.0/token")));
	}

	@Test
	void anUnknownCertificateFailsWithEntrasErrorAfterOneReread() {
		verifier.reset();
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePem(file("c.pem")))
			.build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken(SCOPE).block())
			.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(700027L));
		entra.verify(1, postRequestedFor(urlMatching("/tenant-1/oauth2/v2.0/token")));
	}

	@Test
	void aCertificateExpiringWithinTheWarningTimeIsReportedOnceADay(LogCapture output) {
		TestCertificate expiring = TestCertificates.expiringSoon();
		// Days pass on the credential's clock alone: the endpoint answers without
		// checking
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok", 3600)));
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		ClientCertificateCredential credential = builder().certificatePath(expiring.writePem(file("c.pem")))
			.scheduler(time)
			.build();
		time.advanceTimeTo(Instant.now());
		credential.getToken("api://a/.default").block();
		credential.getToken("api://b/.default").block();
		assertThat(warnings(output)).hasSize(1)
			.first(InstanceOfAssertFactories.STRING)
			.contains("expires on " + expiring.certificate().getNotAfter().toInstant())
			.contains(ClientAssertionVerifier.thumbprint(expiring.certificate()));
		time.advanceTimeBy(Duration.ofHours(25));
		credential.getToken("api://c/.default").block();
		assertThat(warnings(output)).hasSize(2);
	}

	@Test
	void aCertificateFarFromExpiryLogsNoWarning(LogCapture output) {
		ClientCertificateCredential credential = builder().certificatePath(this.certificate.writePem(file("c.pem")))
			.expiryWarning(Duration.ofDays(7))
			.build();
		credential.getToken(SCOPE).block();
		assertThat(warnings(output)).isEmpty();
	}

	private static List<String> warnings(LogCapture output) {
		return output.text().lines().filter((line) -> line.contains(" WARN ") && line.contains("expires on")).toList();
	}

	@Test
	void badCertificatesFailTheBuildNamingTheSettingAndNeverThePassword() {
		Map<String, Path> files = Map.of("ec", TestCertificates.ec().writePkcs12(file("ec.p12")), "expired",
				TestCertificates.expired().writePem(file("expired.pem")), "future",
				TestCertificates.notYetValid().writePem(file("future.pem")), "missing", file("missing.pem"));
		assertThat(problem(builder().certificatePath(files.get("ec")).certificatePassword(TestCertificates.PASSWORD)))
			.contains("private key of type EC");
		assertThat(problem(builder().certificatePath(files.get("expired")))).contains("expired on");
		assertThat(problem(builder().certificatePath(files.get("future")))).contains("not valid before");
		assertThat(problem(builder().certificatePath(files.get("missing")))).contains("does not exist");
		assertThat(problem(builder().certificatePath(this.certificate.writePkcs12(file("c.p12")))
			.certificatePassword("wrong-password-\u00fc"))).contains("password").doesNotContain("wrong-password");
		assertThat(problem(builder().certificate(TestCertificates.rotatedRsa().privateKey(),
				List.of(this.certificate.certificate()))))
			.contains("does not belong to its certificate");
	}

	@Test
	void aPemFileWithoutAKeyFailsTheBuild() throws Exception {
		Path file = file("only-certificate.pem");
		Files.writeString(file,
				"-----BEGIN CERTIFICATE-----\n"
						+ java.util.Base64.getMimeEncoder().encodeToString(this.certificate.encodedCertificate())
						+ "\n-----END CERTIFICATE-----\n");
		assertThat(problem(builder().certificatePath(file))).isEqualTo("certificatePath holds no private key");
	}

	@Test
	void exactlyOneWayToGiveTheCertificate() {
		InvalidCredentialSettingsException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				InvalidCredentialSettingsException.class,
				() -> builder().certificatePath(this.certificate.writePem(file("c.pem")))
					.certificate(this.certificate.privateKey(), List.of(this.certificate.certificate()))
					.build());
		assertThat(ex.problems()).extracting(InvalidSetting::setting).containsExactly("certificate");
		assertThat(problem(builder())).startsWith("certificatePath must be set");
		assertThat(problem(builder().certificate(this.certificate.privateKey(), List.of(this.certificate.certificate()))
			.certificatePassword("x"))).startsWith("certificatePassword is set without certificatePath");
	}

	@Test
	void neitherToStringNorTheBuilderShowsKeyOrPassword() {
		ClientCertificateCredential.Builder builder = builder()
			.certificatePath(this.certificate.writePkcs12(file("c.p12")))
			.certificatePassword(TestCertificates.PASSWORD);
		ClientCertificateCredential credential = builder.build();
		String key = java.util.Base64.getEncoder().encodeToString(this.certificate.privateKey().getEncoded());
		Set<String> texts = Set.of(builder.toString(), credential.toString(),
				new ClientCertificate(this.certificate.privateKey(), List.of(this.certificate.certificate()))
					.toString());
		assertThat(texts.stream().collect(Collectors.joining("\n"))).doesNotContain(TestCertificates.PASSWORD)
			.doesNotContain(key.substring(20, 60));
	}

	private static String problem(ClientCertificateCredential.Builder builder) {
		InvalidCredentialSettingsException ex = org.assertj.core.api.Assertions
			.catchThrowableOfType(InvalidCredentialSettingsException.class, builder::build);
		assertThat(ex).as("a failed build").isNotNull();
		assertThat(ex.getMessage()).doesNotContain(TestCertificates.PASSWORD);
		return ex.problems().get(0).setting() + " " + ex.problems().get(0).reason();
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

	private static ClientCertificateCredential.Builder builder() {
		return ClientCertificateCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.authority(entra.baseUrl())
			.webClient(TestTls.webClient())
			.environment(Map.of());
	}

}
