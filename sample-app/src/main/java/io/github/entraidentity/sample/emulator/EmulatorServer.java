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

package io.github.entraidentity.sample.emulator;

import java.time.Duration;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Serves an {@link EntraEmulator} over plain HTTP on the loopback interface, in its own
 * Reactor Netty server so that it is listening before any bean needs a token and
 * independently of the application's port.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EmulatorServer implements AutoCloseable {

	private final EntraEmulator emulator;

	private final DisposableServer server;

	private EmulatorServer(EntraEmulator emulator, DisposableServer server) {
		this.emulator = emulator;
		this.server = server;
	}

	/**
	 * Start serving the emulator on {@code 127.0.0.1}.
	 * @param emulator the emulator
	 * @return the running server
	 */
	public static EmulatorServer start(EntraEmulator emulator) {
		ReactorHttpHandlerAdapter handler = new ReactorHttpHandlerAdapter(
				RouterFunctions.toHttpHandler(emulator.routes()));
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(emulator.settings().port())
			.handle(handler)
			.bindNow(Duration.ofSeconds(10));
		return new EmulatorServer(emulator, server);
	}

	/**
	 * Return the emulator being served.
	 * @return the emulator
	 */
	public EntraEmulator emulator() {
		return this.emulator;
	}

	/**
	 * Return the base URL, the authority a credential uses.
	 * @return the base URL, such as {@code http://127.0.0.1:50123}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return the issuer of the tokens this server issues.
	 * @return the issuer
	 */
	public String issuer() {
		return this.emulator.issuer(baseUrl());
	}

	/**
	 * Stop the server.
	 */
	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	@Override
	public String toString() {
		return "EmulatorServer[" + baseUrl() + "]";
	}

}
