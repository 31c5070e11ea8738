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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.health.IdentityHealthIndicator;
import io.github.entraidentity.metrics.CredentialTypeTag;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.testsupport.BlackholePort;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Applications whose credential is the managed identity of the Azure resource they run
 * on, against a loopback App Service endpoint: the bean, named credentials, health and
 * the startup reports of settings that cannot work.
 *
 * @author Entra Identity contributors
 */
class ManagedIdentityCredentialsTests {

	private static final String HEADER = "identity-header-not-shown";

	@RegisterExtension
	static WireMockExtension endpoint = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class))
		.withInitializer(environmentVariables(
				Map.of("IDENTITY_ENDPOINT", endpoint.baseUrl() + "/msi/token", "IDENTITY_HEADER", HEADER)));

	@BeforeEach
	void stubEndpoint() {
		endpoint.stubFor(get(urlPathEqualTo("/msi/token")).willReturn(aResponse().withStatus(200)
			.withBody("{\"access_token\":\"mi-token\",\"expires_in\":\"3600\",\"token_type\":\"Bearer\","
					+ "\"resource\":\"https://vault.azure.net\"}")));
	}

	@Test
	void enabledMakesAManagedIdentityCredentialBeanOnTheDetectedEndpoint() {
		this.contextRunner.withPropertyValues("identity.managed-identity.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ManagedIdentityCredential.class);
			EntraCredential credential = context.getBean(EntraCredential.class);
			assertThat(credential.getToken("https://vault.azure.net/.default").block().token()).isEqualTo("mi-token");
			endpoint.verify(getRequestedFor(urlPathEqualTo("/msi/token"))
				.withQueryParam("resource", equalTo("https://vault.azure.net"))
				.withHeader("X-IDENTITY-HEADER", equalTo(HEADER)));
			Health health = new IdentityHealthIndicator(credential, List.of(), Duration.ofSeconds(5)).health(true)
				.block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKeys("tenantId", "clientId", "authority");
			assertThat(health.getDetails().get("clientAuthentication").toString()).contains("managed_identity")
				.contains("App Service endpoint")
				.contains("system-assigned")
				.doesNotContain(HEADER);
		});
	}

	@Test
	void namedCredentialUsesItsUserAssignedIdentity() {
		this.contextRunner
			.withPropertyValues("identity.credentials.vault.managed-identity.enabled=true",
					"identity.credentials.vault.managed-identity.client-id=uami-client")
			.run((context) -> {
				EntraCredential credential = context.getBean(EntraCredentials.class).get("vault");
				assertThat(credential).isInstanceOf(ManagedIdentityCredential.class);
				assertThat(credential.clientId()).isEqualTo("uami-client");
				assertThat(credential.getToken("https://vault.azure.net/.default").block().token())
					.isEqualTo("mi-token");
				endpoint.verify(getRequestedFor(urlPathEqualTo("/msi/token")).withQueryParam("client_id",
						equalTo("uami-client")));
			});
	}

	@Test
	void metersCarryTheCredentialAndItsTypeAndHealthShowsTheSourceTheIdentityAndTheLastOutcome() {
		endpoint.stubFor(get(urlPathEqualTo("/msi/token")).withQueryParam("resource", equalTo("https://unassigned"))
			.willReturn(aResponse().withStatus(400)
				.withBody("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}")));
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					IdentityMetricsAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class))
			.withPropertyValues("identity.credentials.vault.managed-identity.enabled=true",
					"identity.credentials.vault.managed-identity.client-id=uami-client")
			.run((context) -> {
				EntraCredential credential = context.getBean(EntraCredentials.class).get("vault");
				ReactiveHealthIndicator health = (ReactiveHealthIndicator) context
					.getBean("identityHealthContributor", CompositeReactiveHealthContributor.class)
					.getContributor("vault");
				assertThat(health.health(true).block(Duration.ofSeconds(5)).getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(credential.getToken("https://vault.azure.net/.default").block().token())
					.isEqualTo("mi-token");
				Health up = health.health(true).block(Duration.ofSeconds(5));
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("tokens", 1).containsKeys("expiresOn", "refreshAt");
				assertThat(up.getDetails().get("clientAuthentication")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("method", "managed_identity")
					.containsEntry("source", "App Service endpoint " + endpoint.baseUrl()
							+ "/msi/token (from IDENTITY_ENDPOINT), user-assigned, client id uami-client");
				assertThatExceptionOfType(CredentialUnavailableException.class)
					.isThrownBy(() -> credential.getToken("https://unassigned/.default").block());
				Health down = health.health(true).block(Duration.ofSeconds(5));
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("failure", "authentication").containsKey("failedAt");
				assertThat(down.getDetails().get("message").toString()).contains("HTTP 400")
					.contains("Identity not found")
					.contains("client id uami-client");
				assertThat(up + "\n" + down).doesNotContain(HEADER).doesNotContain("mi-token");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				// Every meter of the credential tells it apart, and tells its type
				List<Meter> meters = registry.getMeters()
					.stream()
					.filter((meter) -> meter.getId().getName().startsWith("identity."))
					.toList();
				assertThat(meters).isNotEmpty().allSatisfy((meter) -> {
					assertThat(meter.getId().getTag(IdentityTokenMetrics.CREDENTIAL_TAG)).isEqualTo("vault");
					assertThat(meter.getId().getTag(CredentialTypeTag.KEY)).isEqualTo("managed_identity");
				});
				assertThat(registry.get("identity.token.fetch")
					.tags(IdentityTokenMetrics.CREDENTIAL_TAG, "vault", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("identity.token.fetch")
					.tags(IdentityTokenMetrics.CREDENTIAL_TAG, "vault", "outcome", "failure")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get(IdentityTokenMetrics.CACHE_METER)
					.tags(IdentityTokenMetrics.CREDENTIAL_TAG, "vault", "result", "miss")
					.counter()
					.count()).isEqualTo(2);
				assertThat(meters).extracting((meter) -> meter.getId().toString())
					.noneMatch((id) -> id.contains(HEADER) || id.contains("mi-token"));
			});
	}

	@Test
	void offAzureTheFirstRequestEndsAfterTheOneSecondConnectTimeout() {
		try (BlackholePort imds = BlackholePort.open()) {
			this.contextRunner
				.withInitializer(environmentVariables(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", imds.httpUrl())))
				.withPropertyValues("identity.managed-identity.enabled=true")
				.run((context) -> assertThat(connectFailure(context)).contains("connection timed out after 1000 ms"));
		}
	}

	@Test
	void identityHttpConnectTimeoutReplacesTheOneSecondDefault() {
		try (BlackholePort imds = BlackholePort.open()) {
			this.contextRunner
				.withInitializer(environmentVariables(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", imds.httpUrl())))
				.withPropertyValues("identity.managed-identity.enabled=true", "identity.http.connect-timeout=1500ms")
				.run((context) -> assertThat(connectFailure(context)).contains("connection timed out after 1500 ms"));
		}
	}

	// Only a connect that nothing answers shows the timeout the token client was built
	// with: a refused one fails at once whatever the timeout
	private static String connectFailure(AssertableApplicationContext context) {
		EntraCredential credential = context.getBean(EntraCredential.class);
		CredentialUnavailableException failure = catchThrowableOfType(CredentialUnavailableException.class,
				() -> credential.getToken("https://vault.azure.net/.default").block(Duration.ofSeconds(30)));
		assertThat(failure).hasMessageContaining("No managed identity endpoint at IMDS");
		return failure.getCause().getMessage();
	}

	@Test
	void twoIdsStopStartupNamingBoth() {
		this.contextRunner
			.withPropertyValues("identity.managed-identity.enabled=true", "identity.managed-identity.client-id=a",
					"identity.managed-identity.resource-id=b")
			.run((context) -> assertThat(failure(context)).contains(
					"identity.managed-identity.resource-id is set together with identity.managed-identity.client-id"));
	}

	@Test
	void aManagedIdentityAndAClientSecretTogetherStopStartupNamingBoth() {
		this.contextRunner
			.withPropertyValues("identity.managed-identity.enabled=true", "identity.tenant-id=tenant-1",
					"identity.client-id=client-1", "identity.client-secret=s3cr3t-not-shown")
			.run((context) -> assertThat(failure(context))
				.contains("is set together with identity.managed-identity.enabled")
				.doesNotContain("s3cr3t-not-shown"));
	}

	@Test
	void anAppRegistrationClientIdIsReportedWithTheManagedIdentityProperty() {
		this.contextRunner.withPropertyValues("identity.managed-identity.enabled=true", "identity.client-id=uami")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription() + analysis.getAction()).contains("Property: identity.client-id")
					.contains("Use identity.managed-identity.client-id");
			});
	}

	@Test
	void anUnsupportedSourceStopsStartup() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("IDENTITY_ENDPOINT", "http://localhost:40342/token",
					"IMDS_ENDPOINT", "http://localhost:40342")))
			.withPropertyValues("identity.managed-identity.enabled=true")
			.run((context) -> assertThat(failure(context)).contains("Azure Arc").contains("does not support"));
	}

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

}
