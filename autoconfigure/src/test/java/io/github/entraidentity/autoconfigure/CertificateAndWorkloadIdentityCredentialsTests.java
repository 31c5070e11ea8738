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
package io.github.entraidentity.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.WorkloadIdentityCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.TokenExpiryMeterBinder;
import io.github.entraidentity.testsupport.ClientAssertionVerifier;
import io.github.entraidentity.testsupport.TestCertificates;
import io.github.entraidentity.testsupport.TestCertificates.TestCertificate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applications whose credential proves itself with a certificate or with workload
 * identity, configured from properties or the variables azure-identity reads: the bean is
 * of the configured type and an {@link EntraCredential}, gets tokens from an endpoint
 * that verifies its assertions, and has health, metrics and startup reports like any
 * other.
 *
 * @author Entra Identity contributors
 */
class CertificateAndWorkloadIdentityCredentialsTests {

	private static final ClientAssertionVerifier verifier = new ClientAssertionVerifier("client-1");

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(verifier))
		.build();

	@TempDir
	Path directory;

	private final TestCertificate certificate = TestCertificates.rsa();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withInitializer(environmentVariables(Map.of()))
		.withPropertyValues("spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12", "identity.ssl.bundle=entra",
				"identity.authority=" + entra.baseUrl());

	@BeforeEach
	void registerCertificate() {
		verifier.reset();
		verifier.register(this.certificate.certificate());
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token"))
			.willReturn(aResponse().withTransformers(ClientAssertionVerifier.NAME)));
	}

	@Test
	void certificatePropertiesMakeACertificateCredentialBean() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-certificate.path=" + this.certificate.writePem(file("client.pem")),
					"identity.client-certificate.send-chain=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientCertificateCredential.class)
					.doesNotHaveBean(ClientSecretCredential.class);
				EntraCredential credential = context.getBean(EntraCredential.class);
				assertThat(credential.getToken("api://orders/.default").block().token()).startsWith("cert-token-");
				assertThat(verifier.accepted()).singleElement()
					.satisfies((accepted) -> assertThat(accepted.chain()).isTrue());
				assertThat(context.getBean(EntraCredentials.class).get(EntraCredentials.DEFAULT)).isSameAs(credential);
			});
	}

	@Test
	void aPkcs12FileWithItsPasswordIsUsed() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-certificate.path=" + this.certificate.writePkcs12(file("client.p12")),
					"identity.client-certificate.password=" + TestCertificates.PASSWORD)
			.run((context) -> assertThat(context.getBean(ClientCertificateCredential.class)
				.getToken("api://orders/.default")
				.block()
				.token()).startsWith("cert-token-"));
	}

	@Test
	void anSslBundleHoldsTheCertificate() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"spring.ssl.bundle.jks.client.keystore.location=file:"
							+ this.certificate.writePkcs12(file("bundle.p12")),
					"spring.ssl.bundle.jks.client.keystore.password=" + TestCertificates.PASSWORD,
					"spring.ssl.bundle.jks.client.keystore.type=PKCS12",
					"identity.client-certificate.ssl-bundle=client")
			.run((context) -> {
				ClientCertificateCredential credential = context.getBean(ClientCertificateCredential.class);
				assertThat(credential.getToken("api://orders/.default").block().token()).startsWith("cert-token-");
				assertThat(credential.clientAuthentication().source()).isEqualTo("SSL bundle client");
			});
	}

	@Test
	void aPemSslBundleReloadedOnUpdateIsFollowedFromTheNextTokenRequest() throws Exception {
		TestCertificate rotated = TestCertificates.rotatedRsa();
		verifier.register(rotated.certificate());
		Path certificate = this.certificate.writePem(file("bundle.pem"));
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"spring.ssl.bundle.pem.client.keystore.certificate=file:" + certificate,
					"spring.ssl.bundle.pem.client.keystore.private-key=file:" + certificate,
					"spring.ssl.bundle.pem.client.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms", "identity.client-certificate.ssl-bundle=client")
			.run((context) -> {
				ClientCertificateCredential credential = context.getBean(ClientCertificateCredential.class);
				credential.getToken("api://before/.default").block();
				Path next = rotated.writePem(file("next.pem"));
				Files.move(next, certificate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				String rotatedThumbprint = ClientAssertionVerifier.thumbprint(rotated.certificate());
				await().atMost(Duration.ofSeconds(30))
					.until(() -> credential.certificateInUse().thumbprint().equals(rotatedThumbprint));
				credential.getToken("api://after/.default").block();
				assertThat(verifier.accepted()).extracting(ClientAssertionVerifier.Accepted::thumbprint)
					.containsExactly(ClientAssertionVerifier.thumbprint(this.certificate.certificate()),
							rotatedThumbprint);
			});
	}

	@Test
	void theVariablesAzureIdentityReadsConfigureTheUnnamedCertificateCredential() {
		Path pem = this.certificate.writePem(file("client.pem"));
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_TENANT_ID", "tenant-1", "AZURE_CLIENT_ID", "client-1",
					"AZURE_CLIENT_CERTIFICATE_PATH", pem.toString())))
			.run((context) -> assertThat(context.getBean(ClientCertificateCredential.class)
				.getToken("api://orders/.default")
				.block()
				.token()).startsWith("cert-token-"));
	}

	@Test
	void aSecretAndACertificateTogetherStopStartupNamingBoth() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-secret=s3cr3t-not-shown",
					"identity.client-certificate.path=" + this.certificate.writePem(file("client.pem")))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(
							"identity.client-secret is set together with identity.client-certificate.path")
					.message()
					.doesNotContain("s3cr3t-not-shown");
			});
	}

	@Test
	void aBadCertificateFileIsReportedByItsProperty() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-certificate.path=" + TestCertificates.expired().writePem(file("old.pem")))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure())
					.getDescription()).contains("Property: identity.client-certificate.path")
					.contains("holds a certificate that expired on");
			});
	}

	@Test
	void healthShowsTheCertificateAndAdvisesARotationBeforeItExpires() {
		TestCertificate expiring = TestCertificates.expiringSoon();
		verifier.register(expiring.certificate());
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-certificate.path=" + expiring.writePem(file("client.pem")))
			.run((context) -> {
				EntraCredential credential = context.getBean(EntraCredential.class);
				credential.getToken("api://orders/.default").block();
				Health health = new IdentityHealthIndicator(credential, List.of(), Duration.ofSeconds(5)).health(true)
					.block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKey("certificate").containsKey("rotationAdvice");
				assertThat(health.getDetails().get("rotationAdvice").toString()).contains("expires on");
				@SuppressWarnings("unchecked")
				Map<String, Object> details = (Map<String, Object>) health.getDetails().get("certificate");
				assertThat(details)
					.containsEntry("thumbprint", ClientAssertionVerifier.thumbprint(expiring.certificate()))
					.containsKey("daysLeft");
				MeterRegistry registry = new SimpleMeterRegistry();
				new TokenExpiryMeterBinder(credential).bindTo(registry);
				assertThat(registry.get(TokenExpiryMeterBinder.CERTIFICATE_EXPIRY_METER).gauge().value())
					.isBetween(8 * 86400.0, 10 * 86400.0);
			});
	}

	@Test
	void workloadIdentityNeedsOnlyTheWebhooksVariables() throws Exception {
		Path token = Files.writeString(file("token"), "sa-token-1");
		entra.stubFor(
				post(urlMatching("/[^/]+/oauth2/v2.0/token")).withRequestBody(containing("client_assertion=sa-token-1"))
					.willReturn(TokenResponses.token("wi-token", 3600)));
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_TENANT_ID", "tenant-1", "AZURE_CLIENT_ID", "client-1",
					"AZURE_FEDERATED_TOKEN_FILE", token.toString())))
			.run((context) -> {
				WorkloadIdentityCredential credential = context.getBean(WorkloadIdentityCredential.class);
				assertThat(credential.getToken("api://orders/.default").block().token()).isEqualTo("wi-token");
			});
	}

	@Test
	void aNamedWorkloadIdentityCredentialNamesItsOwnMissingProperties() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_TENANT_ID", "tenant-1", "AZURE_CLIENT_ID", "client-1",
					"AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/token")))
			.withPropertyValues("identity.credentials.aks.workload-identity.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				List<String> messages = new ArrayList<>();
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					messages.add(String.valueOf(cause.getMessage()));
				}
				assertThat(String.join("\n", messages)).contains("identity.credentials.aks.tenant-id")
					.contains("identity.credentials.aks.client-id")
					.contains("identity.credentials.aks.workload-identity.token-file");
			});
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

}
