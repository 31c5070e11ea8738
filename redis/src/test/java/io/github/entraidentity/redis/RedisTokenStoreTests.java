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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.RedisServerExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials of one process sharing tokens through a real Redis. The outage, tampering,
 * multi-process and ciphertext cases are in the reliability suite
 * ({@code FleetCacheTests}).
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
class RedisTokenStoreTests {

	private static final String SCOPE = "api://shared/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(30);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static RedisServerExtension redis = new RedisServerExtension();

	private final byte[] key = new byte[32];

	private final List<ClientSecretCredential> credentials = new ArrayList<>();

	private RedisTokenStore store;

	@BeforeEach
	void createStore() {
		Arrays.fill(this.key, (byte) 42);
		this.store = store(this.key);
	}

	@AfterEach
	void close() {
		this.credentials.forEach(ClientSecretCredential::close);
	}

	@Test
	void secondCredentialIsServedFromRedisWithoutATokenRequest() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(token(credential())).isEqualTo("tok-1");
		assertThat(token(credential())).isEqualTo("tok-1");
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.store.hits()).isEqualTo(1);
	}

	@Test
	void entryLivesNoLongerThanItsToken() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 120)));
		token(credential());
		long ttlMillis = Long.parseLong(redis.cli("PTTL", onlyTokenKey()).strip());
		assertThat(ttlMillis).isPositive().isLessThanOrEqualTo(120_000);
	}

	@Test
	void entryEncryptedWithAnotherKeyIsIgnoredAndNeverServed() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String redisKey = onlyTokenKey();
		byte[] otherKey = new byte[32];
		Arrays.fill(otherKey, (byte) 7);
		Instant expires = Instant.now().plusSeconds(3600);
		String foreign = new RedisEntryCipher(otherKey).encrypt(redisKey,
				new SharedToken(new AccessToken("planted", expires, "Bearer", null), expires.minusSeconds(300)));
		redis.cli("SET", redisKey, foreign, "PX", "600000");
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(token(credential())).isEqualTo("tok-2");
		// Read twice: before the fetch lock and by the lock holder
		assertThat(this.store.rejected()).isEqualTo(2);
	}

	@Test
	void entryCopiedToAnotherScopesKeyIsIgnored() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(credential().getToken("api://one/.default").block(SAFETY_NET).token()).isEqualTo("tok-1");
		String first = onlyTokenKey();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		credential().getToken("api://two/.default").block(SAFETY_NET);
		String second = tokenKeys().stream().filter((key) -> !key.equals(first)).findFirst().orElseThrow();
		redis.cli("SET", second, redis.cli("GET", first).strip(), "PX", "600000");
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-3", 3600)));
		assertThat(credential().getToken("api://two/.default").block(SAFETY_NET).token()).isEqualTo("tok-3");
		// Read twice: before the fetch lock and by the lock holder
		assertThat(this.store.rejected()).isEqualTo(2);
	}

	@Test
	void lockIsReleasedOnlyByItsOwner() {
		RedisTokenStore other = store(this.key);
		io.github.entraidentity.credential.store.SharedTokenKey sharedKey = new io.github.entraidentity.credential.store.SharedTokenKey(
				"https://login.example", "client", "tenant", List.of(SCOPE), false);
		assertThat(this.store.tryLock(sharedKey).block(SAFETY_NET)).isTrue();
		assertThat(other.tryLock(sharedKey).block(SAFETY_NET)).isFalse();
		other.unlock(sharedKey).block(SAFETY_NET);
		assertThat(other.tryLock(sharedKey).block(SAFETY_NET)).isFalse();
		this.store.unlock(sharedKey).block(SAFETY_NET);
		assertThat(other.tryLock(sharedKey).block(SAFETY_NET)).isTrue();
		assertThat(this.store.lockWaits()).isZero();
		assertThat(other.lockWaits()).isEqualTo(2);
	}

	private RedisTokenStore store(byte[] encryptionKey) {
		return RedisTokenStore.builder(redis.connections())
			.encryptionKey(encryptionKey)
			.timeout(Duration.ofMillis(300))
			.lockLease(Duration.ofSeconds(5))
			.build();
	}

	private ClientSecretCredential credential() {
		ClientSecretCredential credential = TestCredentials.builder(entra).sharedTokenStore(this.store).build();
		this.credentials.add(credential);
		return credential;
	}

	private static String token(ClientSecretCredential credential) {
		return credential.getToken(SCOPE).block(SAFETY_NET).token();
	}

	private static List<String> tokenKeys() {
		return redis.server().keys("entra-identity:token:*");
	}

	private static String onlyTokenKey() {
		List<String> keys = tokenKeys();
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

}
