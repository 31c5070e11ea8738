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

package io.github.entraidentity.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.SharedTokenKey;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.redis.RedisTokenStore;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One instance of a fleet, in a process of its own: a credential with the Redis store.
 * Prints {@code READY}, waits for a line on standard input, then does what its mode says
 * and prints the result.
 * <ul>
 * <li>{@code token}: one {@code getToken}, prints {@code TOKEN <value>}.</li>
 * <li>{@code soak <seconds>}: {@code getToken} every 20 ms for that long, prints
 * {@code CALLS <n> FAILED <n>}.</li>
 * <li>{@code hold}: takes the fetch lock for the scope and prints {@code LOCKED}, then
 * waits to be killed.</li>
 * </ul>
 * Arguments: authority, Redis port, base64 key, lock lease in ms, scope, mode, mode
 * argument.
 *
 * @author Entra Identity contributors
 */
public final class FleetMember {

	private FleetMember() {
	}

	public static void main(String[] args) throws Exception {
		String authority = args[0];
		int port = Integer.parseInt(args[1]);
		byte[] key = Base64.getDecoder().decode(args[2]);
		Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
		String scope = args[4];
		String mode = args[5];
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		RedisTokenStore store = RedisTokenStore.builder(factory)
			.encryptionKey(key)
			.lockLease(lease)
			// Twenty cold JVMs share two cores here: the bound is for a Redis that is
			// down,
			// not for a starting JVM
			.timeout(Duration.ofSeconds(5))
			.build();
		// Load the store's code paths with a key no test uses
		store.read(new SharedTokenKey(authority, "warm-up", "warm-up", java.util.List.of("warm-up"), false))
			.block(Duration.ofSeconds(30));
		// A running instance: its connection is up, only its token cache is cold
		((org.springframework.data.redis.connection.ReactiveRedisConnectionFactory) factory).getReactiveConnection()
			.ping()
			.block(Duration.ofSeconds(30));
		ClientSecretCredential credential = TestCredentials.builder(authority).sharedTokenStore(store).build();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.out.println("READY");
		System.out.flush();
		in.readLine();
		switch (mode) {
			case "token" -> {
				AccessToken token = credential.getToken(scope).block(Duration.ofSeconds(60));
				System.out.println("TOKEN " + token.token());
			}
			case "soak" -> {
				long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[6])).toNanos();
				int calls = 0;
				int failed = 0;
				while (System.nanoTime() < end) {
					calls++;
					try {
						credential.getToken(scope).block(Duration.ofSeconds(30));
					}
					catch (RuntimeException ex) {
						failed++;
					}
					Thread.sleep(20);
				}
				System.out.println("CALLS " + calls + " FAILED " + failed);
			}
			case "hold" -> {
				SharedTokenKey sharedKey = new SharedTokenKey(authority, TestCredentials.CLIENT_ID,
						TestCredentials.TENANT, java.util.List.of(scope), false);
				Boolean locked = store.tryLock(sharedKey).block(Duration.ofSeconds(10));
				System.out.println(Boolean.TRUE.equals(locked) ? "LOCKED" : "NOT-LOCKED");
				System.out.flush();
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
			default -> throw new IllegalArgumentException(mode);
		}
		System.out.flush();
		credential.close();
		factory.destroy();
		System.exit(0);
	}

}
