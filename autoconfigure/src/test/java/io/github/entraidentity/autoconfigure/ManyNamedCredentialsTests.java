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

import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hundred named credentials cost against one: no thread and no connection each,
 * when their connections are alike, on either client that token requests use.
 *
 * @author Entra Identity contributors
 */
class ManyNamedCredentialsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int REQUESTS = 100;

	/**
	 * Threads that token requests may start: the shared event loops and the library's own
	 * threads, the JDK client's selector and workers, and Reactor Netty's global loops,
	 * which must not be used at all.
	 */
	private static final List<String> THREAD_PREFIXES = List.of("entra-identity", "HttpClient-", "reactor-http");

	private static final AtomicInteger connectionsOpened = new AtomicInteger();

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).networkTrafficListener(new ConnectionCounter()))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
					WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, SslAutoConfiguration.class));

	@BeforeEach
	void stubTokenEndpoint() {
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok", 3600)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void aHundredCredentialsCostTheThreadsAndConnectionsOfOne(String connector) {
		// The same 100 token requests, from one credential and from 100. A request can
		// start just before the previous response's connection is back in its pool and
		// open one more connection (on another event loop): hence the one of latitude.
		Footprint one = footprint(1, connector);
		Footprint hundred = footprint(100, connector);
		assertThat(one.connections()).isPositive();
		assertThat(hundred.connections()).as("connections opened by 100 credentials")
			.isLessThanOrEqualTo(one.connections() + 1);
		assertThat(hundred.threads()).as("threads started by 100 credentials").isLessThanOrEqualTo(one.threads() + 1);
	}

	/**
	 * Start an application with the given number of named credentials that fetch 100
	 * tokens between them, and count the connections they opened and the threads they
	 * started.
	 */
	private Footprint footprint(int credentials, String connector) {
		List<String> properties = new ArrayList<>(List.of("spring.http.clients.reactive.connector=" + connector,
				"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12"));
		for (int i = 0; i < credentials; i++) {
			String prefix = "identity.credentials.app" + i + ".";
			properties.addAll(List.of(prefix + "tenant-id=tenant-" + i, prefix + "client-id=client-" + i,
					prefix + "client-secret=secret-" + i,
					prefix + "authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), prefix + "ssl.bundle=entra"));
		}
		Set<Thread> threadsBefore = threads();
		int connectionsBefore = connectionsOpened.get();
		Footprint[] footprint = new Footprint[1];
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasNotFailed();
			NamedCredentials named = context.getBean(NamedCredentials.class);
			assertThat(named.asMap()).hasSize(credentials);
			List<EntraCredential> all = List.copyOf(named.asMap().values());
			for (int i = 0; i < REQUESTS; i++) {
				EntraCredential credential = all.get(i % all.size());
				assertThat(credential.getToken("api://x" + i + "/.default").block(TIMEOUT).token()).isEqualTo("tok");
			}
			Set<Thread> started = threads();
			started.removeAll(threadsBefore);
			footprint[0] = new Footprint(connectionsOpened.get() - connectionsBefore, started.size());
		});
		entra.resetRequests();
		return footprint[0];
	}

	private static Set<Thread> threads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> THREAD_PREFIXES.stream().anyMatch(thread.getName()::startsWith))
			.collect(Collectors.toSet());
	}

	private record Footprint(int connections, int threads) {

	}

	/**
	 * Counts the connections the server accepts.
	 */
	static final class ConnectionCounter implements WiremockNetworkTrafficListener {

		@Override
		public void opened(Socket socket) {
			connectionsOpened.incrementAndGet();
		}

		@Override
		public void incoming(Socket socket, ByteBuffer bytes) {
		}

		@Override
		public void outgoing(Socket socket, ByteBuffer bytes) {
		}

		@Override
		public void closed(Socket socket) {
		}

	}

}
