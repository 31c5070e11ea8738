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
package io.github.entraidentity.sample;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the client that tests call the running sample application with.
 *
 * @author Entra Identity contributors
 */
final class AppClients {

	// The first call of a JVM loads the whole token and HTTP stack; on a loaded machine
	// that can outlast WebTestClient's 5 s default, which is a safety net here, not an
	// expectation.
	private static final Duration FIRST_CALL_TIMEOUT = Duration.ofSeconds(30);

	private AppClients() {
	}

	/**
	 * Return a client of the application listening on the given loopback port. Each
	 * request goes on a connection of its own: with Reactor Netty's JVM-wide pool, which
	 * every test's client shares (Spring Boot's test support gives each application
	 * context resources of its own), a kept-alive connection was at times closed under a
	 * request (the application saw it cancelled, the client waited until its timeout:
	 * about one run in four of WrongClientSecretTests before SampleApplicationTests,
	 * never with connections of their own).
	 * @param port the application's port
	 * @return the client
	 */
	static WebTestClient onPort(int port) {
		return WebTestClient.bindToServer(connector())
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(FIRST_CALL_TIMEOUT)
			.build();
	}

	/**
	 * Return a {@link WebClient} of the application listening on the given loopback port,
	 * each request on a connection of its own like {@link #onPort(int)}.
	 * @param port the application's port
	 * @return the client
	 */
	static WebClient webClientOnPort(int port) {
		return WebClient.builder().clientConnector(connector()).baseUrl("http://127.0.0.1:" + port).build();
	}

	private static ReactorClientHttpConnector connector() {
		return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
	}

}
