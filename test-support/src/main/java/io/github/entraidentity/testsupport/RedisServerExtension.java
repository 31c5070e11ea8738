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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@link RedisServer} for a test class, registered as a static
 * {@code @RegisterExtension} field: started before the class (or the class is skipped
 * when no binary is installed, see {@link RedisServer#start()}), emptied before each
 * test, stopped after the class; plus a fresh {@link RedisConnections connection} for
 * each test, destroyed after the test's own {@code @AfterEach} methods.
 *
 * @author Entra Identity contributors
 */
public final class RedisServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private @Nullable RedisServer server;

	private @Nullable LettuceConnectionFactory connections;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = RedisServer.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		server().cli("FLUSHALL");
		this.connections = RedisConnections.to(server().port());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LettuceConnectionFactory connections = this.connections;
		this.connections = null;
		if (connections != null) {
			connections.destroy();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		RedisServer server = this.server;
		this.server = null;
		if (server != null) {
			server.stop();
		}
	}

	/**
	 * Return the running server.
	 * @return the server
	 */
	public RedisServer server() {
		RedisServer server = this.server;
		if (server == null) {
			throw new IllegalStateException("No redis-server: register the extension on a static field");
		}
		return server;
	}

	/**
	 * Return the current test's connection to the server.
	 * @return the connection factory, destroyed after the test
	 */
	public LettuceConnectionFactory connections() {
		LettuceConnectionFactory connections = this.connections;
		if (connections == null) {
			throw new IllegalStateException("No connection outside a test method");
		}
		return connections;
	}

	/**
	 * Run {@code redis-cli} against the server.
	 * @param args the arguments
	 * @return what it printed
	 * @see RedisServer#cli(String...)
	 */
	public String cli(String... args) {
		return server().cli(args);
	}

}
