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
import java.util.List;
import java.util.Map;

import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.testsupport.ClientSecretStubs;
import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.entraidentity.testsupport.ClientSecretStubs.NEW_SECRET;
import static io.github.entraidentity.testsupport.ClientSecretStubs.OLD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the client secret through {@code client-secrets} and
 * {@code client-secret-file}, of the unnamed credential ({@code identity.*}) and of a
 * named one ({@code identity.credentials.<name>.*}): callers keep getting tokens, the
 * health indicator names the secret in use by position and advises while a fallback is in
 * use, the switch counter moves, startup failures name the property under the
 * credential's own prefix, and no secret value shows anywhere.
 *
 * @author Entra Identity contributors
 */
class ClientSecretRotationTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final String PARTNER_TOKEN_PATH = "/partner-tenant/oauth2/v2.0/token";

	private static final String PARTNER = "identity.credentials.partner.";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				SslAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class,
				IdentityMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of())))
		.withPropertyValues("spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12");

	private final ApplicationContextRunner unnamed = this.contextRunner.withPropertyValues(
			"identity.tenant-id=" + TestCredentials.TENANT, "identity.client-id=" + TestCredentials.CLIENT_ID,
			"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra");

	// A named credential alone, in a tenant of its own: what it gets comes from its own
	// properties
	private final ApplicationContextRunner partner = this.contextRunner.withPropertyValues(
			PARTNER + "tenant-id=partner-tenant", PARTNER + "client-id=partner-client",
			PARTNER + "authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), PARTNER + "ssl.bundle=entra");

	@BeforeEach
	void acceptOnlyTheNewSecret() {
		ClientSecretStubs.rejectUnknown(entra, TOKEN_PATH);
		ClientSecretStubs.accept(entra, TOKEN_PATH, NEW_SECRET);
		ClientSecretStubs.rejectUnknown(entra, PARTNER_TOKEN_PATH);
	}

	@Test
	void revokedFirstSecretFallsBackAndHealthStaysUpWithAdvice() {
		try (LogCapture logs = LogCapture.atTrace()) {
			this.unnamed
				.withPropertyValues("identity.client-secrets[0]=" + OLD_SECRET,
						"identity.client-secrets[1]=" + NEW_SECRET)
				.run((context) -> {
					assertHundredCallersGetTheNewSecretsToken(context.getBean(ClientSecretCredential.class));
					assertFallbackInHealthAndMetrics(context.getBean(IdentityHealthIndicator.class),
							context.getBean(MeterRegistry.class), IdentityTokenMetrics.DEFAULT_CREDENTIAL);
				});
			assertThat(logs.text()).contains("Microsoft Entra ID rejected client secret 1 of 2")
				.doesNotContain(OLD_SECRET)
				.doesNotContain(NEW_SECRET);
		}
	}

	@Test
	void namedCredentialWithRevokedFirstSecretFallsBackAndItsHealthStaysUpWithAdvice() {
		ClientSecretStubs.accept(entra, PARTNER_TOKEN_PATH, NEW_SECRET);
		try (LogCapture logs = LogCapture.atTrace()) {
			this.partner
				.withPropertyValues(PARTNER + "client-secrets[0]=" + OLD_SECRET,
						PARTNER + "client-secrets[1]=" + NEW_SECRET)
				.run((context) -> {
					assertThat(context).doesNotHaveBean("defaultCredential");
					assertHundredCallersGetTheNewSecretsToken(
							context.getBean("partnerCredential", ClientSecretCredential.class));
					assertFallbackInHealthAndMetrics(partnerHealth(context), context.getBean(MeterRegistry.class),
							"partner");
				});
			assertThat(logs.text()).contains("Microsoft Entra ID rejected client secret 1 of 2")
				.doesNotContain(OLD_SECRET)
				.doesNotContain(NEW_SECRET);
		}
	}

	@Test
	void healthNamesTheFirstSecretWithoutAdviceBeforeAnyFallback() {
		this.unnamed.withPropertyValues("identity.client-secrets=" + NEW_SECRET + "," + OLD_SECRET).run((context) -> {
			context.getBean(ClientSecretCredential.class).getToken("api://app/.default").block();
			Health health = context.getBean(IdentityHealthIndicator.class).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails())
				.containsEntry("clientAuthentication",
						Map.of("method", "client_secret", "position", 1, "of", 2, "source", "configured value"))
				.doesNotContainKey("rotationAdvice");
		});
	}

	@Test
	void readsTheSecretFromAFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("client-secret"), NEW_SECRET + "\n");
		this.unnamed.withPropertyValues("identity.client-secret-file=" + file).run((context) -> {
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.getToken("api://app/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
			Health health = context.getBean(IdentityHealthIndicator.class).health().block();
			assertThat(health.getDetails()).containsEntry("clientAuthentication",
					Map.of("method", "client_secret", "position", 1, "of", 1, "source", "file " + file));
		});
	}

	@Test
	void namedCredentialOnASecretFileSendsTheNewSecretAfterASymlinkSwapWithoutAFailedCall() {
		StubMapping acceptOld = ClientSecretStubs.accept(entra, PARTNER_TOKEN_PATH, OLD_SECRET);
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, OLD_SECRET);
		try (LogCapture logs = LogCapture.atTrace()) {
			this.partner.withPropertyValues(PARTNER + "client-secret-file=" + volume.file()).run((context) -> {
				ClientSecretCredential credential = context.getBean("partnerCredential", ClientSecretCredential.class);
				assertThat(credential.getToken("api://before/.default").block().token()).isEqualTo("tok-" + OLD_SECRET);
				ClientSecretStubs.accept(entra, PARTNER_TOKEN_PATH, NEW_SECRET);
				volume.swap(NEW_SECRET);
				entra.removeStub(acceptOld);
				assertThat(credential.getToken("api://after/.default").block().token()).isEqualTo("tok-" + NEW_SECRET);
				// No request was rejected: the one after the swap already carried the new
				// secret
				assertThat(entra.findAll(postRequestedFor(urlEqualTo(PARTNER_TOKEN_PATH))))
					.extracting(ClientSecretRotationTests::secretOf)
					.containsExactly(OLD_SECRET, NEW_SECRET);
				Health health = partnerHealth(context).health().block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails())
					.containsEntry("clientAuthentication",
							Map.of("method", "client_secret", "position", 1, "of", 1, "source",
									"file " + volume.file()))
					.doesNotContainKey("rotationAdvice");
				assertThat(switches(context.getBean(MeterRegistry.class), "partner", "source_changed")).isEqualTo(1);
				assertThat(health.toString()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
			});
			assertThat(logs.text()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
		}
	}

	@Test
	void missingSecretFileFailsStartupNamingTheProperty() {
		Path missing = this.directory.resolve("missing");
		this.unnamed.withPropertyValues("identity.client-secret-file=" + missing)
			.run((context) -> assertThat(analyze(context).getDescription()).contains(
					"Property: identity.client-secret-file\n    Reason: names a file that does not exist, " + missing));
	}

	@Test
	void missingSecretFileOfANamedCredentialFailsStartupNamingItsProperty() {
		Path missing = this.directory.resolve("missing");
		this.partner.withPropertyValues(PARTNER + "client-secret-file=" + missing)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.credentials.partner.client-secret-file\n"
						+ "    Reason: names a file that does not exist, " + missing));
	}

	@Test
	void emptySecretFileFailsStartupNamingTheProperty() throws Exception {
		Path empty = Files.writeString(this.directory.resolve("empty"), "\n");
		this.unnamed.withPropertyValues("identity.client-secret-file=" + empty)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.client-secret-file\n    Reason: names an empty file, " + empty));
	}

	@Test
	void emptySecretFileOfANamedCredentialFailsStartupNamingItsProperty() throws Exception {
		Path empty = Files.writeString(this.directory.resolve("empty"), "\n");
		this.partner.withPropertyValues(PARTNER + "client-secret-file=" + empty)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.credentials.partner.client-secret-file\n"
						+ "    Reason: names an empty file, " + empty));
	}

	@Test
	void secretAndSecretListTogetherFailStartupNamingBoth() {
		this.unnamed.withPropertyValues("identity.client-secret=" + OLD_SECRET, "identity.client-secrets=" + NEW_SECRET)
			.run((context) -> assertBothSecretPropertiesReported(context, "identity."));
	}

	@Test
	void secretAndSecretListOfANamedCredentialTogetherFailStartupNamingBoth() {
		this.partner
			.withPropertyValues(PARTNER + "client-secret=" + OLD_SECRET, PARTNER + "client-secrets=" + NEW_SECRET)
			.run((context) -> assertBothSecretPropertiesReported(context, PARTNER));
	}

	@Test
	void blankListedSecretIsReportedByIndex() {
		this.unnamed.withPropertyValues("identity.client-secrets[0]=" + NEW_SECRET, "identity.client-secrets[1]= ")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.client-secrets[1]\n    Reason: must not be blank"));
	}

	private static void assertHundredCallersGetTheNewSecretsToken(ClientSecretCredential credential) {
		List<AccessToken> tokens = Flux.range(0, 100)
			.flatMap((caller) -> credential.getToken("api://app-" + (caller % 5) + "/.default"), 100)
			.collectList()
			.block();
		assertThat(tokens).hasSize(100).allSatisfy((token) -> assertThat(token.token()).isEqualTo("tok-" + NEW_SECRET));
	}

	private static void assertFallbackInHealthAndMetrics(IdentityHealthIndicator indicator, MeterRegistry registry,
			String credential) {
		Health health = indicator.health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("clientAuthentication",
				Map.of("method", "client_secret", "position", 2, "of", 2, "source", "configured value"));
		assertThat(health.getDetails().get("rotationAdvice")).asString()
			.contains("rejected an earlier client secret as wrong or unknown (AADSTS7000215)")
			.contains("client secret 2 of 2 is in use");
		assertThat(switches(registry, credential, "secret_invalid")).isEqualTo(1);
		assertThat(health.toString()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
	}

	private static void assertBothSecretPropertiesReported(AssertableApplicationContext context, String prefix) {
		FailureAnalysis analysis = analyze(context);
		assertThat(analysis.getDescription()).contains("Property: " + prefix + "client-secrets\n    Reason: is set"
				+ " together with " + prefix + "client-secret");
		assertThat(analysis.getAction())
			.contains(prefix + "client-secrets: Keep only one of " + prefix + "client-secret and " + prefix
					+ "client-secrets")
			.doesNotContain("clientSecret");
		assertThat(analysis.getDescription() + analysis.getAction() + context.getStartupFailure())
			.doesNotContain(OLD_SECRET)
			.doesNotContain(NEW_SECRET);
	}

	private static IdentityHealthIndicator partnerHealth(AssertableApplicationContext context) {
		return (IdentityHealthIndicator) context
			.getBean("identityHealthContributor", CompositeReactiveHealthContributor.class)
			.getContributor("partner");
	}

	private static double switches(MeterRegistry registry, String credential, String reason) {
		return registry.get(IdentityTokenMetrics.CLIENT_AUTHENTICATION_SWITCHES_METER)
			.tag(IdentityTokenMetrics.CREDENTIAL_TAG, credential)
			.tag("reason", reason)
			.counter()
			.count();
	}

	private static String secretOf(LoggedRequest request) {
		return TestCredentials.form(request).get("client_secret");
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
