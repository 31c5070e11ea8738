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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.testsupport.RedisConnections;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One instance of a fleet, in a process of its own: a credential with the Redis store.
 * Prints {@code READY}, waits for a line on standard input, then does what its mode says
 * and prints the result.
 * <ul>
 * <li>{@code token}: one {@code getToken}, prints {@code TOKEN <value>}.</li>
 * <li>{@code soak}: {@code getToken} every 20 ms until a second line arrives, then prints
 * {@code SOAK <calls> <failed calls> <distinct tokens in the order first
 * served, comma-separated>}.</li>
 * <li>{@code hold}: takes the fetch lock for the scope and prints {@code LOCKED}, then
 * waits to be killed.</li>
 * </ul>
 * Arguments: authority, Redis port, base64 key, lock lease in ms, scope, mode.
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
		LettuceConnectionFactory factory = RedisConnections.to(port);
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
				AtomicBoolean stop = new AtomicBoolean();
				Thread stopper = new Thread(() -> {
					try {
						in.readLine();
					}
					catch (java.io.IOException ex) {
						// The test is gone: stop as well
					}
					stop.set(true);
				});
				stopper.setDaemon(true);
				stopper.start();
				Set<String> seen = new LinkedHashSet<>();
				int calls = 0;
				int failed = 0;
				while (!stop.get()) {
					calls++;
					try {
						seen.add(credential.getToken(scope).block(Duration.ofSeconds(30)).token());
					}
					catch (RuntimeException ex) {
						failed++;
					}
					Thread.sleep(20);
				}
				System.out.println("SOAK " + calls + " " + failed + " " + String.join(",", seen));
				System.out.flush();
				// A refresh started by the last call goes on until the test kills this
				// process: closing the Redis connection first would turn it into a
				// fetch of its own
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
			case "hold" -> {
				SharedTokenKey sharedKey = new SharedTokenKey(authority, TestCredentials.CLIENT_ID,
						TestCredentials.TENANT, java.util.List.of(scope), false);
				Boolean locked = store.tryLock(sharedKey, "fleet-member-hold").block(Duration.ofSeconds(10));
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
