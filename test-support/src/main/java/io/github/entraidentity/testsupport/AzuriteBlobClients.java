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

package io.github.entraidentity.testsupport;

import java.util.UUID;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.netty.resources.ConnectionProvider;

/**
 * Azure Storage Blob clients aimed at an {@link Azurite} of the same test class, over one
 * connection pool that trusts the certificate of the run and is disposed after the
 * class's tests. Register it after the emulator:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static Azurite azurite = new Azurite();
 *
 * &#64;RegisterExtension
 * static AzuriteBlobClients blobs = new AzuriteBlobClients(azurite, 32);
 * </pre>
 *
 * Needs {@code azure-storage-blob} and {@code azure-core-http-netty} on the test class
 * path.
 *
 * @author Entra Identity contributors
 */
public final class AzuriteBlobClients implements AfterAllCallback {

	private final Azurite azurite;

	private final ConnectionProvider connections;

	private @Nullable HttpClient httpClient;

	/**
	 * Create the clients' connection pool.
	 * @param azurite the emulator
	 * @param maxConnections the pool's size, shared by every client of the class
	 */
	public AzuriteBlobClients(Azurite azurite, int maxConnections) {
		this.azurite = azurite;
		this.connections = ConnectionProvider.builder("azurite-blob-clients").maxConnections(maxConnections).build();
	}

	/**
	 * Return a builder of a Blob service client (sync or async) on the emulator's
	 * development account that authenticates with the credential.
	 * @param credential the credential
	 * @return the builder
	 */
	public BlobServiceClientBuilder builder(TokenCredential credential) {
		return new BlobServiceClientBuilder().endpoint(this.azurite.blobEndpoint())
			.httpClient(httpClient())
			.credential(credential);
	}

	/**
	 * Return a container name no other test uses.
	 * @return the name
	 */
	public static String containerName() {
		return "c" + UUID.randomUUID().toString().replace("-", "");
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.connections.dispose();
	}

	// Built on first use: the certificate to trust exists once the emulator has started
	private synchronized HttpClient httpClient() {
		if (this.httpClient == null) {
			this.httpClient = new NettyAsyncHttpClientBuilder(
					reactor.netty.http.client.HttpClient.create(this.connections)
						.secure((spec) -> spec.sslContext(this.azurite.trustingSslContext())))
				.build();
		}
		return this.httpClient;
	}

}
