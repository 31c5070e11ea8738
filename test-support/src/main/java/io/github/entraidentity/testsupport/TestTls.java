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

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * TLS for tests: a WireMock server on HTTPS with a localhost certificate (with subject
 * alternative names, so host-name checks pass), and clients that trust it.
 *
 * @author Entra Identity contributors
 */
public final class TestTls {

	/**
	 * Password of the test keystores.
	 */
	public static final String PASSWORD = "changeit";

	private static final Map<String, Path> EXTRACTED = new HashMap<>();

	private TestTls() {
	}

	/**
	 * Return the keystore WireMock serves (PKCS12, alias {@code localhost}).
	 * @return the path
	 */
	public static Path keystore() {
		return resource("/tls/localhost.p12");
	}

	/**
	 * Return a keystore with a different self-signed certificate nothing trusts.
	 * @return the path
	 */
	public static Path untrustedKeystore() {
		return resource("/tls/untrusted.p12");
	}

	/**
	 * Return a WireMock configuration with HTTPS on a dynamic port, serving the given
	 * keystore.
	 * @param keystore the keystore
	 * @return the configuration
	 */
	public static WireMockConfiguration httpsConfig(Path keystore) {
		return wireMockConfig().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(keystore.toString())
			.keystorePassword(PASSWORD)
			.keyManagerPassword(PASSWORD)
			.keystoreType("PKCS12");
	}

	/**
	 * Return a WireMock extension on HTTPS with the trusted test certificate.
	 * @param extensions WireMock extensions to register, such as a {@link ResponseGate}
	 * @return the extension
	 */
	public static WireMockExtension httpsWireMock(Extension... extensions) {
		return WireMockExtension.newInstance().options(httpsConfig(keystore()).extensions(extensions)).build();
	}

	/**
	 * Return a WireMock extension on HTTPS with a certificate nothing trusts, for the
	 * failed-handshake case.
	 * @return the extension
	 */
	public static WireMockExtension untrustedHttpsWireMock() {
		return WireMockExtension.newInstance().options(httpsConfig(untrustedKeystore())).build();
	}

	/**
	 * Return a Netty client SSL context that trusts the test certificate, on the JDK's
	 * TLS provider (as a Boot app without netty-tcnative has, whatever else is on the
	 * class path: the benchmarks' peers bring netty-tcnative).
	 * @return the SSL context
	 */
	public static SslContext trustingSslContext() {
		try {
			return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trustManagers()).build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a JDK SSL context that trusts the test certificate, for blocking clients
	 * such as the JDK {@code HttpClient} behind a {@code RestClient}.
	 * @return the SSL context
	 */
	public static SSLContext trustingJdkSslContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers().getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TrustManagerFactory trustManagers() throws Exception {
		try (InputStream in = TestTls.class.getResourceAsStream("/tls/localhost.p12")) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(keyStore);
			return trust;
		}
	}

	/**
	 * Return a WebClient that trusts the test certificate.
	 * @return the client
	 */
	public static WebClient webClient() {
		return webClient(HttpClient.create());
	}

	/**
	 * Return a WebClient on the given Reactor Netty client (a pool or resolver of the
	 * test's own) that trusts the test certificate.
	 * @param httpClient the client to secure
	 * @return the WebClient
	 */
	public static WebClient webClient(HttpClient httpClient) {
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient(httpClient))).build();
	}

	/**
	 * Return the given Reactor Netty client secured to trust the test certificate, for
	 * clients that are not a WebClient.
	 * @param httpClient the client to secure
	 * @return the secured client
	 */
	public static HttpClient httpClient(HttpClient httpClient) {
		SslContext ssl = trustingSslContext();
		return httpClient.secure((spec) -> spec.sslContext(ssl));
	}

	// The keystores ship inside this module's jar, and WireMock and Spring's SSL bundles
	// want files: each is copied once to a temporary file that the JVM deletes on exit.
	private static synchronized Path resource(String name) {
		return EXTRACTED.computeIfAbsent(name, TestTls::extract);
	}

	private static Path extract(String name) {
		try (InputStream in = TestTls.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No test resource " + name);
			}
			Path file = Files.createTempFile("entra-identity-test-", name.substring(name.lastIndexOf('/') + 1));
			file.toFile().deleteOnExit();
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
