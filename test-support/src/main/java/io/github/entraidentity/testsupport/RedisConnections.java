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

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce connections to a {@link RedisServer} on loopback, as Spring Boot would build
 * them from {@code spring.data.redis.port} (Lettuce's defaults otherwise). Needs Spring
 * Data Redis and Lettuce on the class path, which this module does not bring.
 *
 * @author Entra Identity contributors
 */
public final class RedisConnections {

	private RedisConnections() {
	}

	/**
	 * Return a started connection factory for a server on this machine.
	 * @param port the server's port on 127.0.0.1
	 * @return the factory; the caller destroys it
	 */
	public static LettuceConnectionFactory to(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
