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

package io.github.entraidentity.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;

import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The benchmark certificate (PKCS12, SAN {@code localhost} and {@code 127.0.0.1},
 * password {@code changeit}) and HTTP clients that trust it. Every subject gets its
 * client from here, so all of them use the same TLS provider (the JDK's, as a Boot app
 * without netty-tcnative would) and the same connection pool limits.
 *
 * @author Entra Identity contributors
 */
final class BenchmarkTls {

	static final String PASSWORD = "changeit";

	private static final String KEYSTORE = "/tls/localhost.p12";

	private static final SslContext TRUSTING = trustingSslContext();

	private BenchmarkTls() {
	}

	/**
	 * Copy the keystore out of the class path, since WireMock wants a file.
	 * @return the file
	 */
	static Path keystoreFile() {
		try (InputStream in = BenchmarkTls.class.getResourceAsStream(KEYSTORE)) {
			Path file = Files.createTempFile("benchmark-localhost", ".p12");
			file.toFile().deleteOnExit();
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a new connection pool. It queues without limit so that the herd scenario
	 * measures each library rather than Reactor Netty's default pending-acquire limit.
	 * @param name the pool name
	 * @return the pool
	 */
	static ConnectionProvider connections(String name) {
		return ConnectionProvider.builder(name).maxConnections(32).pendingAcquireMaxCount(-1).build();
	}

	/**
	 * Return a Reactor Netty client on the given pool that trusts the certificate.
	 * @param connections the pool
	 * @return the client
	 */
	static HttpClient httpClient(ConnectionProvider connections) {
		return HttpClient.create(connections).secure((spec) -> spec.sslContext(TRUSTING));
	}

	/**
	 * Return a WebClient on the given pool that trusts the certificate.
	 * @param connections the pool
	 * @return the client
	 */
	static WebClient webClient(ConnectionProvider connections) {
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient(connections))).build();
	}

	/**
	 * Return a blocking request factory, for {@code RestClient}, on the given pool that
	 * trusts the certificate.
	 * @param connections the pool
	 * @return the request factory
	 */
	static ReactorClientHttpRequestFactory restClientRequestFactory(ConnectionProvider connections) {
		return new ReactorClientHttpRequestFactory(httpClient(connections));
	}

	private static SslContext trustingSslContext() {
		try {
			return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trustManagers()).build();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot load the benchmark certificate " + KEYSTORE, ex);
		}
	}

	private static TrustManagerFactory trustManagers() throws Exception {
		try (InputStream in = BenchmarkTls.class.getResourceAsStream(KEYSTORE)) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(keyStore);
			return trust;
		}
	}

}
