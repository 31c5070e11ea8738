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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityTokenExpiryMetricsAutoConfiguration;
import io.github.entraidentity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which meters and which health an application gets with the auto-configured credential
 * and with a credential bean of its own, with actuator's metrics and observations on.
 *
 * @author Entra Identity contributors
 */
class ApplicationDefinesCredentialObservabilityTests {

	private static final String SCOPE = "api://observed/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
					WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, SslAutoConfiguration.class,
					IdentityObservationAutoConfiguration.class, IdentityMetricsAutoConfiguration.class,
					IdentityTokenExpiryMetricsAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class));

	@BeforeEach
	void stubTokenEndpoint() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token("observed-token", 3600)));
	}

	@Test
	void autoConfiguredCredentialHasAllMetersAndHealth() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-secret=observed-secret",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
					"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
					"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
					"spring.ssl.bundle.jks.entra.truststore.type=PKCS12")
			.run((context) -> {
				fetchTwice(context);
				assertAllMetersRecorded(context.getBean(MeterRegistry.class));
				assertThat(health(context)).isEqualTo(Status.UP);
			});
	}

	@Test
	void ownCredentialBuiltWithTheCustomizersHasAllMetersAndHealth() {
		this.contextRunner.withUserConfiguration(CustomizedCredentialConfiguration.class).run((context) -> {
			fetchTwice(context);
			assertAllMetersRecorded(context.getBean(MeterRegistry.class));
			assertThat(health(context)).isEqualTo(Status.UP);
		});
	}

	@Test
	void ownCredentialWithoutTheCustomizersHasTheExpiryGaugeAndHealthOnly() {
		this.contextRunner.withUserConfiguration(PlainCredentialConfiguration.class).run((context) -> {
			fetchTwice(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("identity.token.expiry").gauge().value()).isPositive();
			assertThat(registry.find("identity.token.fetch").meters()).isEmpty();
			assertThat(registry.find("identity.token.cache").meters()).isEmpty();
			assertThat(registry.find("identity.token.fetch.retries").meters()).isEmpty();
			assertThat(health(context)).isEqualTo(Status.UP);
		});
	}

	private static void fetchTwice(AssertableApplicationContext context) {
		ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
		credential.getToken(SCOPE).block(Duration.ofSeconds(10));
		credential.getToken(SCOPE).block(Duration.ofSeconds(10));
	}

	private static void assertAllMetersRecorded(MeterRegistry registry) {
		assertThat(registry.get("identity.token.fetch").tag("outcome", "success").timer().count()).isEqualTo(1);
		assertThat(registry.get("identity.token.cache").tag("result", "miss").counter().count()).isEqualTo(1);
		assertThat(registry.get("identity.token.cache").tag("result", "hit").counter().count()).isEqualTo(1);
		assertThat(registry.get("identity.token.fetch.retries").counter().count()).isZero();
		assertThat(registry.get("identity.token.expiry").gauge().value()).isPositive();
	}

	private static Status health(AssertableApplicationContext context) {
		return context.getBean("identityHealthIndicator", ReactiveHealthIndicator.class)
			.health()
			.block(Duration.ofSeconds(5))
			.getStatus();
	}

	private static ClientSecretCredential.Builder ownCredential() {
		return TestCredentials.builder(entra);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizedCredentialConfiguration {

		@Bean(destroyMethod = "close")
		ClientSecretCredential ownCredential(ObjectProvider<ClientSecretCredentialBuilderCustomizer> customizers) {
			ClientSecretCredential.Builder builder = ApplicationDefinesCredentialObservabilityTests.ownCredential();
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainCredentialConfiguration {

		@Bean(destroyMethod = "close")
		ClientSecretCredential ownCredential() {
			return ApplicationDefinesCredentialObservabilityTests.ownCredential().build();
		}

	}

}
