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

package io.github.entraidentity.redis;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.testsupport.RedisServer;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of credentials in separate processes sharing tokens through a real Redis.
 *
 * @author Entra Identity contributors
 */
class FleetTokenSharingTests {

	static final int FLEET_SIZE = 20;

	static final String SCOPE = "api://fleet/.default";

	static final String KEY = Base64.getEncoder()
		.encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
				24, 25, 26, 27, 28, 29, 30, 31, 32 });

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private static RedisServer redis;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.stop();
		}
	}

	@BeforeEach
	void emptyRedis() {
		redis.cli("FLUSHALL");
	}

	@Test
	void twentyProcessesOnAColdCacheMakeExactlyOneTokenRequest() {
		// Slow enough that every member asks before the first answer lands
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("fleet-token", 3600).withFixedDelay(500)));
		try (FleetProcesses fleet = new FleetProcesses()) {
			List<FleetProcesses.Member> members = new ArrayList<>();
			for (int i = 0; i < FLEET_SIZE; i++) {
				members.add(fleet.start(authority(), String.valueOf(redis.port()), KEY, "10000", SCOPE, "token"));
			}
			for (FleetProcesses.Member member : members) {
				assertThat(member.readLine()).isEqualTo("READY");
			}
			members.forEach(FleetProcesses.Member::go);
			for (FleetProcesses.Member member : members) {
				assertThat(member.readLine()).isEqualTo("TOKEN fleet-token");
			}
		}
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void lockHolderKilledWhileHoldingTheLockLetsAnotherInstanceFetchAfterTheLease() {
		entra.stubFor(
				post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("after-crash", 3600)));
		try (FleetProcesses fleet = new FleetProcesses()) {
			FleetProcesses.Member holder = fleet.start(authority(), String.valueOf(redis.port()), KEY, "3000", SCOPE,
					"hold");
			assertThat(holder.readLine()).isEqualTo("READY");
			holder.go();
			assertThat(holder.readLine()).isEqualTo("LOCKED");
			holder.kill();
			assertThat(redis.cli("KEYS", "entra-identity:lock:*")).contains("entra-identity:lock:");
			FleetProcesses.Member other = fleet.start(authority(), String.valueOf(redis.port()), KEY, "3000", SCOPE,
					"token");
			assertThat(other.readLine()).isEqualTo("READY");
			other.go();
			assertThat(other.readLine()).isEqualTo("TOKEN after-crash");
		}
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	static String authority() {
		return entra.getRuntimeInfo().getHttpsBaseUrl();
	}

}
