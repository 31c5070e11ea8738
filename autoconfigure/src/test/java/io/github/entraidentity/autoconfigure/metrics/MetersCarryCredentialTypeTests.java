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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.metrics.CredentialTypeTag;
import io.github.entraidentity.metrics.IdentityTokenMetrics;
import io.github.entraidentity.metrics.TokenExpiryMeterBinder;
import io.github.entraidentity.testsupport.ClientAssertionVerifier;
import io.github.entraidentity.testsupport.TestCertificates;
import io.github.entraidentity.testsupport.TestCertificates.TestCertificate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a named secret credential ({@code orders}) and a named certificate
 * credential ({@code billing}, whose assertions the token endpoint verifies): every
 * identity meter of each credential carries its {@code credential.type} next to its name,
 * whether the {@code identity.token.fetch} timer comes from the application's
 * {@code ObservationRegistry} or from the credential's own.
 *
 * @author Entra Identity contributors
 */
class MetersCarryCredentialTypeTests {

	private static final ClientAssertionVerifier verifier = new ClientAssertionVerifier("billing-client");

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(verifier))
		.build();

	private static final List<String> IDENTITY_METERS = List.of(IdentityTokenMetrics.CACHE_METER,
			IdentityTokenMetrics.RETRIES_METER, IdentityTokenMetrics.CLAIMS_LIMITED_METER,
			IdentityTokenMetrics.CLIENT_AUTHENTICATION_SWITCHES_METER, "identity.token.fetch",
			TokenExpiryMeterBinder.EXPIRY_METER);

	@TempDir
	Path directory;

	private final TestCertificate certificate = TestCertificates.rsa();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, SslAutoConfiguration.class,
						IdentityMetricsAutoConfiguration.class, IdentityTokenExpiryMetricsAutoConfiguration.class,
						IdentityObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12");

	@BeforeEach
	void entra() {
		verifier.reset();
		verifier.register(this.certificate.certificate());
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).withRequestBody(containing("client_assertion="))
			.willReturn(aResponse().withTransformers(ClientAssertionVerifier.NAME)));
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).withRequestBody(containing("client_secret="))
			.willReturn(TokenResponses.token("secret-token", 3600)));
	}

	@ParameterizedTest(name = "application ObservationRegistry: {0}")
	@ValueSource(booleans = { true, false })
	void everyMeterOfEachCredentialCarriesItsType(boolean applicationObservationRegistry) {
		ApplicationContextRunner runner = applicationObservationRegistry
				? this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
				: this.contextRunner;
		runner.withPropertyValues(secretAndCertificateCredentials()).run((context) -> {
			EntraCredentials credentials = context.getBean(EntraCredentials.class);
			assertThat(credentials.get("orders")).isInstanceOf(ClientSecretCredential.class);
			assertThat(credentials.get("billing")).isInstanceOf(ClientCertificateCredential.class);
			assertThat(
					credentials.get("orders").getToken("api://orders/.default").block(Duration.ofSeconds(30)).token())
				.isEqualTo("secret-token");
			assertThat(
					credentials.get("billing").getToken("api://billing/.default").block(Duration.ofSeconds(30)).token())
				.startsWith("cert-token-");
			assertThat(verifier.accepted()).hasSize(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Map<String, String> expected = Map.of("orders", "client_secret", "billing", "client_certificate");
			for (String credential : expected.keySet()) {
				for (String name : IDENTITY_METERS) {
					assertThat(registry.find(name).tag(IdentityTokenMetrics.CREDENTIAL_TAG, credential).meters())
						.as("%s of %s", name, credential)
						.isNotEmpty()
						.allSatisfy((meter) -> assertThat(meter.getId().getTag(CredentialTypeTag.KEY))
							.isEqualTo(expected.get(credential)));
				}
			}
			assertThat(registry.get(TokenExpiryMeterBinder.CERTIFICATE_EXPIRY_METER)
				.tag(IdentityTokenMetrics.CREDENTIAL_TAG, "billing")
				.tag(CredentialTypeTag.KEY, "client_certificate")
				.gauge()
				.value()).isPositive();
			assertThat(registry.get("identity.token.fetch")
				.tag(IdentityTokenMetrics.CREDENTIAL_TAG, "billing")
				.tag(CredentialTypeTag.KEY, "client_certificate")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get(IdentityTokenMetrics.CACHE_METER)
				.tag(IdentityTokenMetrics.CREDENTIAL_TAG, "orders")
				.tag(CredentialTypeTag.KEY, "client_secret")
				.tag("result", "miss")
				.counter()
				.count()).isEqualTo(1);
			// Every identity meter, these and any other, tells its credential's type
			Map<String, String> typesByCredential = new TreeMap<>();
			for (Meter meter : registry.getMeters()) {
				if (meter.getId().getName().startsWith("identity.")) {
					assertThat(meter.getId().getTag(CredentialTypeTag.KEY)).as(meter.getId().toString()).isNotNull();
					typesByCredential.put(meter.getId().getTag(IdentityTokenMetrics.CREDENTIAL_TAG),
							meter.getId().getTag(CredentialTypeTag.KEY));
				}
			}
			assertThat(typesByCredential).isEqualTo(new TreeMap<>(expected));
		});
	}

	@Test
	void anApplicationCredentialOfItsOwnClassIsTaggedCustom() {
		this.contextRunner.withBean("handMade", EntraCredential.class, () -> (context) -> Mono.empty())
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TokenExpiryMeterBinder.EXPIRY_METER)
					.tag(IdentityTokenMetrics.CREDENTIAL_TAG, EntraCredentials.DEFAULT)
					.gauge()
					.getId()
					.getTag(CredentialTypeTag.KEY)).isEqualTo(CredentialTypeTag.CUSTOM);
			});
	}

	@Test
	void anApplicationTokenMetricsBeanCountsForTheUnnamedCredentialOfItsType() {
		this.contextRunner.withPropertyValues(unnamedCertificateCredential())
			.withBean(IdentityTokenMetrics.class,
					() -> new IdentityTokenMetrics(new SimpleMeterRegistry(), ClientCertificateCredential.class))
			.run((context) -> {
				IdentityTokenMetrics own = context.getBean(IdentityTokenMetrics.class);
				assertThat(own.credentialType()).isEqualTo("client_certificate");
				context.getBean(ClientCertificateCredential.class)
					.getToken("api://billing/.default")
					.block(Duration.ofSeconds(30));
				// The application's bean got the events; no second set of counters was
				// made
				assertThat(context.getBean(MeterRegistry.class).find(IdentityTokenMetrics.CACHE_METER).meters())
					.isEmpty();
			});
	}

	@Test
	void anApplicationTokenMetricsBeanOfAnotherTypeStopsStartupNamingTheFix() {
		this.contextRunner.withPropertyValues(unnamedCertificateCredential())
			.withBean(IdentityTokenMetrics.class,
					() -> new IdentityTokenMetrics(new SimpleMeterRegistry(), ClientSecretCredential.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("credential.type=client_secret")
					.hasMessageContaining("ClientCertificateCredential (client_certificate)")
					.hasMessageContaining("new IdentityTokenMetrics(meterRegistry, ClientCertificateCredential.class)");
			});
	}

	private String[] secretAndCertificateCredentials() {
		String url = entra.getRuntimeInfo().getHttpsBaseUrl();
		return new String[] { "identity.credentials.orders.tenant-id=orders-tenant",
				"identity.credentials.orders.client-id=orders-client",
				"identity.credentials.orders.client-secret=orders-secret",
				"identity.credentials.orders.authority=" + url, "identity.credentials.orders.ssl.bundle=entra",
				"identity.credentials.billing.tenant-id=billing-tenant",
				"identity.credentials.billing.client-id=billing-client",
				"identity.credentials.billing.client-certificate.path="
						+ this.certificate.writePem(this.directory.resolve("billing.pem")),
				"identity.credentials.billing.authority=" + url, "identity.credentials.billing.ssl.bundle=entra" };
	}

	private String[] unnamedCertificateCredential() {
		return new String[] { "identity.tenant-id=billing-tenant", "identity.client-id=billing-client",
				"identity.client-certificate.path=" + this.certificate.writePem(this.directory.resolve("unnamed.pem")),
				"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra" };
	}

}
