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

package io.github.entraidentity.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.testsupport.Azurite;
import io.github.entraidentity.testsupport.AzuriteBlobClients;
import io.github.entraidentity.testsupport.EntraJwts;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real Azure SDK clients with the credential against a real Azure Storage server,
 * Azurite, which checks the bearer token's issuer, audience and lifetime as Azure Storage
 * does. The token endpoint issues JWTs shaped like Entra's for Storage.
 *
 * @author Entra Identity contributors
 */
@Timeout(120)
class AzureSdkClientsWithAzuriteTests {

	private static final String TENANT = "3f6d2c1e-0b5a-4f7e-9c8d-1a2b3c4d5e6f";

	private static final String STORAGE_SCOPE = "https://storage.azure.com/.default";

	@RegisterExtension
	static Azurite azurite = new Azurite();

	// One pool for every SDK client of the class
	@RegisterExtension
	static AzuriteBlobClients storage = new AzuriteBlobClients(azurite, 256);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final List<ClientSecretCredential> credentials = new ArrayList<>();

	@AfterEach
	void closeCredentials() {
		this.credentials.forEach(ClientSecretCredential::close);
	}

	@Test
	void syncClientCreatesAContainerUploadsAndDownloadsABlob() {
		issueTokensFor(EntraJwts.STORAGE_AUDIENCE);
		BlobServiceClient blobs = storage.builder(AzureCoreTokenCredential.of(credential())).buildClient();
		BlobContainerClient container = blobs.createBlobContainer(AzuriteBlobClients.containerName());
		container.getBlobClient("greeting.txt").upload(BinaryData.fromString("hello from Entra"));
		assertThat(container.getBlobClient("greeting.txt").downloadContent().toString()).isEqualTo("hello from Entra");
		assertThat(blobs.listBlobContainers())
			.anySatisfy((item) -> assertThat(item.getName()).isEqualTo(container.getBlobContainerName()));
		assertThat(TokenRequests.formsOf(entra)).singleElement()
			.satisfies((form) -> assertThat(form).containsEntry("scope", STORAGE_SCOPE));
	}

	@Test
	void asyncClientCreatesAContainerUploadsAndDownloadsABlob() {
		issueTokensFor(EntraJwts.STORAGE_AUDIENCE);
		BlobServiceAsyncClient blobs = storage.builder(AzureCoreTokenCredential.of(credential())).buildAsyncClient();
		String content = blobs.createBlobContainer(AzuriteBlobClients.containerName())
			.flatMap((container) -> container.getBlobAsyncClient("greeting.txt")
				.upload(BinaryData.fromString("hello, reactively"))
				.then(container.getBlobAsyncClient("greeting.txt").downloadContent()))
			.map(BinaryData::toString)
			.block(Duration.ofSeconds(60));
		assertThat(content).isEqualTo("hello, reactively");
		entra.verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void twoHundredParallelSdkCallsOnAColdCacheMakeOneTokenRequest() throws Exception {
		issueTokensFor(EntraJwts.STORAGE_AUDIENCE);
		// The container comes from a credential of its own, so the calls below meet a
		// cold
		// cache
		String name = storage.builder(AzureCoreTokenCredential.of(credential()))
			.buildClient()
			.createBlobContainer(AzuriteBlobClients.containerName())
			.getBlobContainerName();
		entra.resetRequests();
		AzureCoreTokenCredential shared = AzureCoreTokenCredential.of(credential());
		// Ten clients of each kind: each has a bearer policy and token cache of its own,
		// so only the credential can make their callers share one request
		List<BlobContainerAsyncClient> asyncClients = new ArrayList<>();
		List<BlobContainerClient> syncClients = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			asyncClients.add(storage.builder(shared).buildAsyncClient().getBlobContainerAsyncClient(name));
			syncClients.add(storage.builder(shared).buildClient().getBlobContainerClient(name));
		}
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(100);
		try {
			List<Future<?>> sync = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				BlobContainerClient client = syncClients.get(i % 10);
				String blob = "sync-" + i;
				sync.add(threads.submit((Callable<Void>) () -> {
					go.await();
					client.getBlobClient(blob).upload(BinaryData.fromString(blob));
					return null;
				}));
			}
			Mono<Long> async = Flux.range(0, 100)
				.flatMap((i) -> asyncClients.get(i % 10)
					.getBlobAsyncClient("async-" + i)
					.upload(BinaryData.fromString("async-" + i)), 100)
				.count();
			go.countDown();
			assertThat(async.block(Duration.ofSeconds(90))).isEqualTo(100);
			for (Future<?> call : sync) {
				call.get(90, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(syncClients.get(0).listBlobs().stream().count()).isEqualTo(200);
		entra.verify(1, postRequestedFor(anyUrl()));
	}

	@Test
	void tokenWithTheWrongAudienceIsRefusedByAzurite() {
		issueTokensFor("https://vault.azure.net");
		BlobServiceClient blobs = storage.builder(AzureCoreTokenCredential.of(credential())).buildClient();
		BlobStorageException refused = catchThrowableOfType(BlobStorageException.class,
				() -> blobs.createBlobContainer(AzuriteBlobClients.containerName()));
		assertThat(refused.getStatusCode()).isEqualTo(403);
		assertThat(refused.getErrorCode().toString()).isEqualTo("AuthenticationFailed");
		assertThat(refused.getMessage()).contains("Invalid token audience");
	}

	@Test
	void expiredTokenIsRefusedByAzurite() {
		// Azurite checks the lifetime too: a token that expired a minute ago, served by
		// an
		// endpoint that claims it is valid for an hour
		entra.stubFor(post(anyUrl()).willReturn(TokenResponses.token(EntraJwts.token(TENANT, EntraJwts.STORAGE_AUDIENCE,
				Instant.now().minus(Duration.ofMinutes(61)), Duration.ofHours(1)), 3599)));
		BlobServiceClient blobs = storage.builder(AzureCoreTokenCredential.of(credential())).buildClient();
		BlobStorageException refused = catchThrowableOfType(BlobStorageException.class,
				() -> blobs.createBlobContainer(AzuriteBlobClients.containerName()));
		assertThat(refused.getStatusCode()).isEqualTo(403);
		assertThat(refused.getMessage()).contains("Lifetime validation failed");
	}

	private void issueTokensFor(String audience) {
		entra.stubFor(post(anyUrl()).willReturn(EntraJwts.tokenResponse(TENANT, audience)));
	}

	private ClientSecretCredential credential() {
		ClientSecretCredential credential = ClientSecretCredential.builder()
			.tenantId(TENANT)
			.clientId("client-1")
			.clientSecret("client-secret-value")
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.build();
		this.credentials.add(credential);
		return credential;
	}

}
