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
package io.github.entraidentity.autoconfigure.metrics;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.metrics.TokenExpiryMeterBinder;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityMetricsAutoConfiguration} and
 * {@link IdentityObservationAutoConfiguration}.
 */
class IdentityMetricsAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				SslAutoConfiguration.class, IdentityMetricsAutoConfiguration.class,
				IdentityTokenExpiryMetricsAutoConfiguration.class, IdentityObservationAutoConfiguration.class));

	private final AutoConfigurations metrics = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class);

	@Test
	void recordsTokenFetchTimerCacheCountersAndExpiryGaugeWithBootObservations() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token("tok", 3600)));
		this.contextRunner.withConfiguration(this.metrics)
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				// Counters are made per credential, not as a bean
				assertThat(context).doesNotHaveBean(IdentityTokenMetrics.class);
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				credential.getToken("api://x/.default").block(Duration.ofSeconds(10));
				credential.getToken("api://x/.default").block(Duration.ofSeconds(10));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("identity.token.fetch").tag("outcome", "success").timer().count()).isEqualTo(1);
				assertThat(registry.get("identity.token.cache").tag("result", "hit").counter().count()).isEqualTo(1);
				assertThat(registry.get("identity.token.expiry").gauge().value()).isPositive();
			});
	}

	@Test
	void timesTokenFetchesWithoutAnApplicationObservationRegistry() {
		entra.stubFor(post(urlPathMatching(".*/token")).willReturn(TokenResponses.token("tok", 3600)));
		this.contextRunner.withConfiguration(this.metrics).withPropertyValues(credentialProperties()).run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationRegistry.class);
			context.getBean(ClientSecretCredential.class).getToken("api://x/.default").block(Duration.ofSeconds(10));
			assertThat(context.getBean(MeterRegistry.class).get("identity.token.fetch").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void observesWithApplicationObservationRegistryWithoutMetrics() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(ObservationRegistry.class);
				assertThat(context).doesNotHaveBean(IdentityTokenMetrics.class);
				assertThat(context).hasBean("identityObservationCustomizer");
			});
	}

	@Test
	void backsOffWithoutMeterRegistry() {
		this.contextRunner.withPropertyValues(credentialProperties()).run((context) -> {
			assertThat(context).hasSingleBean(ClientSecretCredential.class);
			assertThat(context).doesNotHaveBean(IdentityTokenMetrics.class);
			assertThat(context).doesNotHaveBean(TokenExpiryMeterBinder.class)
				.doesNotHaveBean("identityTokenExpiryMeterBinder");
		});
	}

	@Test
	void contributesCustomizersWithoutDependingOnACredentialBean() {
		this.contextRunner.withConfiguration(this.metrics)
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ClientSecretCredential.class);
				assertThat(context).hasBean("identityTokenMetricsCustomizer");
				assertThat(context).hasBean("identityObservationCustomizer");
			});
	}

	@Test
	void registersNoMeterWithoutCredential() {
		this.contextRunner.withConfiguration(this.metrics).run((context) -> {
			assertThat(context).doesNotHaveBean(TokenExpiryMeterBinder.class)
				.doesNotHaveBean("identityTokenExpiryMeterBinder");
			assertThat(context.getBean(MeterRegistry.class).find("identity.token.cache").meters()).isEmpty();
			assertThat(context.getBean(MeterRegistry.class).find("identity.token.expiry").meters()).isEmpty();
		});
	}

	@Test
	void backsOffFromExpiryGaugeWithSeveralCredentials() {
		this.contextRunner.withConfiguration(this.metrics)
			.withBean("first", ClientSecretCredential.class, () -> new ClientSecretCredential("t", "c1", "s1"))
			.withBean("second", ClientSecretCredential.class, () -> new ClientSecretCredential("t", "c2", "s2"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TokenExpiryMeterBinder.class)
					.doesNotHaveBean("identityTokenExpiryMeterBinder");
			});
	}

	@Test
	void backsOffWithoutMicrometerOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientSecretCredential.class);
				assertThat(context).doesNotHaveBean("identityTokenMetricsCustomizer");
			});
	}

	private static String[] credentialProperties() {
		return new String[] { "identity.tenant-id=tenant-1", "identity.client-id=client-1",
				"identity.client-secret=metrics-secret",
				"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
				"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12" };
	}

}
