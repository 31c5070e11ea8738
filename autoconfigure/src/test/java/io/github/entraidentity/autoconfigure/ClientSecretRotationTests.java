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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
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

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the client secret through {@code identity.client-secrets} and
 * {@code identity.client-secret-file}: callers keep getting tokens, the health indicator
 * names the secret in use by position and advises while a fallback is in use, the switch
 * counter moves, and no secret value shows anywhere.
 *
 * @author Entra Identity contributors
 */
class ClientSecretRotationTests {

	private static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

	private static final String OLD = "old-Secret~0123456789";

	private static final String NEW = "new-Secret~9876543210";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				SslAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class,
				IdentityMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of())))
		.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
				"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
				"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12");

	@BeforeEach
	void acceptOnlyTheNewSecret() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(10)
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215,
					"Invalid client secret provided. Ensure the secret being sent in the request is the client"
							+ " secret value, not the client secret ID, for a secret added to app 'client-1'.")));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(1)
			.withRequestBody(containing("client_secret=" + URLEncoder.encode(NEW, StandardCharsets.UTF_8)))
			.willReturn(TokenResponses.token("tok-new", 3600)));
	}

	@Test
	void revokedFirstSecretFallsBackAndHealthStaysUpWithAdvice() {
		try (LogCapture logs = LogCapture.atTrace()) {
			this.contextRunner
				.withPropertyValues("identity.client-secrets[0]=" + OLD, "identity.client-secrets[1]=" + NEW)
				.run((context) -> {
					ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
					List<AccessToken> tokens = Flux.range(0, 100)
						.flatMap((caller) -> credential.getToken("api://app-" + (caller % 5) + "/.default"), 100)
						.collectList()
						.block();
					assertThat(tokens).hasSize(100)
						.allSatisfy((token) -> assertThat(token.token()).isEqualTo("tok-new"));
					Health health = context.getBean(IdentityHealthIndicator.class).health().block();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("clientSecret",
							Map.of("position", 2, "of", 2, "source", "configured value"));
					assertThat(health.getDetails().get("rotationAdvice")).asString()
						.contains("rejected an earlier client secret as wrong or unknown (AADSTS7000215)")
						.contains("client secret 2 of 2 is in use");
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get(IdentityTokenMetrics.SECRET_SWITCHES_METER)
						.tag("reason", "secret_invalid")
						.counter()
						.count()).isEqualTo(1);
					assertThat(health.toString()).doesNotContain(OLD).doesNotContain(NEW);
				});
			assertThat(logs.text()).contains("Microsoft Entra ID rejected client secret 1 of 2")
				.doesNotContain(OLD)
				.doesNotContain(NEW);
		}
	}

	@Test
	void healthNamesTheFirstSecretWithoutAdviceBeforeAnyFallback() {
		this.contextRunner.withPropertyValues("identity.client-secrets=" + NEW + "," + OLD).run((context) -> {
			context.getBean(ClientSecretCredential.class).getToken("api://app/.default").block();
			Health health = context.getBean(IdentityHealthIndicator.class).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails())
				.containsEntry("clientSecret", Map.of("position", 1, "of", 2, "source", "configured value"))
				.doesNotContainKey("rotationAdvice");
		});
	}

	@Test
	void readsTheSecretFromAFile() throws Exception {
		Path file = Files.writeString(this.directory.resolve("client-secret"), NEW + "\n");
		this.contextRunner.withPropertyValues("identity.client-secret-file=" + file).run((context) -> {
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.getToken("api://app/.default").block().token()).isEqualTo("tok-new");
			Health health = context.getBean(IdentityHealthIndicator.class).health().block();
			assertThat(health.getDetails()).containsEntry("clientSecret",
					Map.of("position", 1, "of", 1, "source", "file " + file));
		});
	}

	@Test
	void missingSecretFileFailsStartupNamingTheProperty() {
		Path missing = this.directory.resolve("missing");
		this.contextRunner.withPropertyValues("identity.client-secret-file=" + missing)
			.run((context) -> assertThat(analyze(context).getDescription()).contains(
					"Property: identity.client-secret-file\n    Reason: names a file that does not exist, " + missing));
	}

	@Test
	void emptySecretFileFailsStartupNamingTheProperty() throws Exception {
		Path empty = Files.writeString(this.directory.resolve("empty"), "\n");
		this.contextRunner.withPropertyValues("identity.client-secret-file=" + empty)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.client-secret-file\n    Reason: names an empty file, " + empty));
	}

	@Test
	void secretAndSecretListTogetherFailStartupNamingBoth() {
		this.contextRunner.withPropertyValues("identity.client-secret=" + OLD, "identity.client-secrets=" + NEW)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains(
						"Property: identity.client-secrets\n    Reason: is set together with identity.client-secret");
				assertThat(analysis.getAction())
					.contains("identity.client-secrets: Keep only one of identity.client-secret and"
							+ " identity.client-secrets")
					.doesNotContain("clientSecret");
				assertThat(analysis.getDescription() + analysis.getAction() + context.getStartupFailure())
					.doesNotContain(OLD)
					.doesNotContain(NEW);
			});
	}

	@Test
	void blankListedSecretIsReportedByIndex() {
		this.contextRunner.withPropertyValues("identity.client-secrets[0]=" + NEW, "identity.client-secrets[1]= ")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.client-secrets[1]\n    Reason: must not be blank"));
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
