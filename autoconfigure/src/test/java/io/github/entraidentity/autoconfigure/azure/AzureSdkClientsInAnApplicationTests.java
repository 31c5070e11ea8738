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

package io.github.entraidentity.autoconfigure.azure;

import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.autoconfigure.health.IdentityHealthContributorAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityMetricsAutoConfiguration;
import io.github.entraidentity.autoconfigure.metrics.IdentityTokenExpiryMetricsAutoConfiguration;
import io.github.entraidentity.autoconfigure.observation.IdentityObservationAutoConfiguration;
import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.Azurite;
import io.github.entraidentity.testsupport.AzuriteBlobClients;
import io.github.entraidentity.testsupport.EntraJwts;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
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
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application's Azure SDK clients on the auto-configured {@code TokenCredential},
 * against a real Azure Storage server (Azurite): the SDK's token use shows in the
 * credential's metrics and health like the application's own calls, and a client on a
 * named credential's {@code TokenCredential} gets its tokens from that credential's
 * tenant.
 *
 * @author Entra Identity contributors
 */
@Timeout(120)
class AzureSdkClientsInAnApplicationTests {

	private static final String TENANT = "3f6d2c1e-0b5a-4f7e-9c8d-1a2b3c4d5e6f";

	private static final String PARTNER_TENANT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

	@RegisterExtension
	static Azurite azurite = new Azurite();

	@RegisterExtension
	static AzuriteBlobClients storage = new AzuriteBlobClients(azurite, 32);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, IdentityAzureCoreAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, SslAutoConfiguration.class,
				IdentityObservationAutoConfiguration.class, IdentityMetricsAutoConfiguration.class,
				IdentityTokenExpiryMetricsAutoConfiguration.class, IdentityHealthContributorAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class))
		.withPropertyValues("identity.tenant-id=" + TENANT, "identity.client-id=client-1",
				"identity.client-secret=client-secret-value",
				"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
				"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12");

	@Test
	void sdkClientsOnTheTokenCredentialBeanShowInMetricsAndHealth() {
		entra.stubFor(post(anyUrl()).willReturn(EntraJwts.tokenResponse(TENANT, EntraJwts.STORAGE_AUDIENCE)));
		this.contextRunner.run((context) -> {
			TokenCredential credential = context.getBean(TokenCredential.class);
			BlobServiceClient blobs = storage.builder(credential).buildClient();
			BlobContainerClient container = blobs.createBlobContainer(AzuriteBlobClients.containerName());
			container.getBlobClient("report.csv").upload(BinaryData.fromString("a,b\n1,2\n"));
			BlobServiceAsyncClient asyncBlobs = storage.builder(credential).buildAsyncClient();
			String content = asyncBlobs.getBlobContainerAsyncClient(container.getBlobContainerName())
				.getBlobAsyncClient("report.csv")
				.downloadContent()
				.map(BinaryData::toString)
				.block(Duration.ofSeconds(60));
			assertThat(content).isEqualTo("a,b\n1,2\n");
			entra.verify(1, postRequestedFor(anyUrl()));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("identity.token.fetch").tag("outcome", "success").timer().count()).isEqualTo(1);
			assertThat(registry.get("identity.token.cache").tag("result", "miss").counter().count()).isEqualTo(1);
			// The second client's bearer policy has a cache of its own: its first call
			// is served by the credential's
			assertThat(registry.get("identity.token.cache").tag("result", "hit").counter().count()).isEqualTo(1);
			assertThat(registry.get("identity.token.expiry").gauge().value()).isPositive();
			assertThat(context.getBean(ClientSecretCredential.class).cachedTokens()).singleElement()
				.satisfies((token) -> assertStorageToken(token));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tokens", 1);
		});
	}

	@Test
	void anEntraRefusalOfTheSdksTokenShowsInHealth() {
		entra.stubFor(post(anyUrl()).willReturn(
				TokenResponses.error(401, "invalid_client", 7000222, "The provided client secret keys are expired.")));
		this.contextRunner.run((context) -> {
			BlobServiceClient blobs = storage.builder(context.getBean(TokenCredential.class)).buildClient();
			Throwable refused = catchThrowableOfType(RuntimeException.class,
					() -> blobs.createBlobContainer(AzuriteBlobClients.containerName()));
			assertThat(refused).isNotInstanceOf(BlobStorageException.class).hasMessageContaining("AADSTS7000222");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("identity.token.fetch").tag("outcome", "failure").timer().count()).isEqualTo(1);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failure", "authentication")
				.containsEntry("error", "invalid_client");
		});
	}

	@Test
	void sdkClientOnANamedTokenCredentialUsesThatCredentialsTenant() {
		entra.stubFor(post(urlEqualTo("/" + PARTNER_TENANT + "/oauth2/v2.0/token"))
			.willReturn(EntraJwts.tokenResponse(PARTNER_TENANT, EntraJwts.STORAGE_AUDIENCE)));
		this.contextRunner
			.withPropertyValues("identity.credentials.partner.tenant-id=" + PARTNER_TENANT,
					"identity.credentials.partner.client-id=partner-client",
					"identity.credentials.partner.client-secret=partner-secret-value",
					"identity.credentials.partner.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(),
					"identity.credentials.partner.ssl.bundle=entra")
			.withUserConfiguration(PartnerStorage.class)
			.run((context) -> {
				BlobServiceClient blobs = context.getBean(PartnerStorage.class).blobs();
				BlobContainerClient container = blobs.createBlobContainer(AzuriteBlobClients.containerName());
				container.getBlobClient("partner.txt").upload(BinaryData.fromString("for the partner"));
				assertThat(container.getBlobClient("partner.txt").downloadContent().toString())
					.isEqualTo("for the partner");
				// Only the partner's tenant was asked; the unnamed credential never was
				assertThat(entra.findAll(postRequestedFor(anyUrl()))).singleElement()
					.satisfies((request) -> assertThat(request.getUrl())
						.isEqualTo("/" + PARTNER_TENANT + "/oauth2/v2.0/token"));
				assertThat(context.getBean("partnerCredential", ClientSecretCredential.class).cachedTokens())
					.singleElement()
					.satisfies((token) -> assertStorageToken(token));
				assertThat(context.getBean(ClientSecretCredential.class).cachedTokens()).isEmpty();
			});
	}

	private static void assertStorageToken(CachedTokenView token) {
		assertThat(token.scopes()).containsExactly("https://storage.azure.com/.default");
		// The SDK's bearer policy asks for CAE by default
		assertThat(token.cae()).isTrue();
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("identityHealthIndicator", ReactiveHealthIndicator.class)
			.health()
			.block(Duration.ofSeconds(10));
	}

	/**
	 * Application code with a Blob service client of the partner's storage account.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PartnerStorage {

		private final BlobServiceClient blobs;

		PartnerStorage(@Qualifier("partner") TokenCredential partner) {
			this.blobs = storage.builder(partner).buildClient();
		}

		BlobServiceClient blobs() {
			return this.blobs;
		}

	}

}
