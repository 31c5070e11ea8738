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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.testsupport.LogCapture;
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

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

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

	private static final SharedTokenKey SHARED_KEY = new SharedTokenKey("https://login.example", "client", "tenant",
			List.of(SCOPE), false);

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
		// A running instance's connection is up: the cases below are not about
		// connecting,
		// which can take longer than the store's timeout on a loaded machine
		((ReactiveRedisConnectionFactory) redis.connections()).getReactiveConnection().ping().block(SAFETY_NET);
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
		assertThat(this.store.tryLock(SHARED_KEY, "first").block(SAFETY_NET)).isTrue();
		assertThat(other.tryLock(SHARED_KEY, "second").block(SAFETY_NET)).isFalse();
		other.unlock(SHARED_KEY, "second").block(SAFETY_NET);
		assertThat(other.tryLock(SHARED_KEY, "second").block(SAFETY_NET)).isFalse();
		this.store.unlock(SHARED_KEY, "first").block(SAFETY_NET);
		assertThat(other.tryLock(SHARED_KEY, "second").block(SAFETY_NET)).isTrue();
		assertThat(this.store.lockWaits()).isZero();
		assertThat(other.lockWaits()).isEqualTo(2);
	}

	@Test
	void acquisitionWhoseLeaseRanOutDoesNotReleaseTheLockOfTheNextOneInTheSameProcess() {
		assertThat(this.store.tryLock(SHARED_KEY, "slow").block(SAFETY_NET)).isTrue();
		// The lease runs out while "slow" still fetches, and another credential of this
		// process takes the lock
		redis.cli("DEL", this.store.lockKey(SHARED_KEY));
		assertThat(this.store.tryLock(SHARED_KEY, "next").block(SAFETY_NET)).isTrue();
		this.store.unlock(SHARED_KEY, "slow").block(SAFETY_NET);
		assertThat(redis.cli("GET", this.store.lockKey(SHARED_KEY)).strip()).isEqualTo("next");
		assertThat(store(this.key).tryLock(SHARED_KEY, "third").block(SAFETY_NET)).isFalse();
	}

	@Test
	void lockWithoutExpiryOrLongerThanTheLeaseIsTakenOver() {
		String lockKey = this.store.lockKey(SHARED_KEY);
		redis.cli("SET", lockKey, "no-expiry");
		assertThat(this.store.tryLock(SHARED_KEY, "mine").block(SAFETY_NET)).isTrue();
		assertThat(Long.parseLong(redis.cli("PTTL", lockKey).strip())).isPositive().isLessThanOrEqualTo(5000);
		redis.cli("SET", lockKey, "an-hour", "PX", "3600000");
		assertThat(this.store.tryLock(SHARED_KEY, "mine-again").block(SAFETY_NET)).isTrue();
		assertThat(redis.cli("GET", lockKey).strip()).isEqualTo("mine-again");
		assertThat(this.store.lockWaits()).isZero();
	}

	@Test
	void missWithALockWithoutExpiryInRedisFetchesAtOnce() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		redis.cli("SET", this.store.lockKey(credentialKey()), "no-expiry");
		long started = System.nanoTime();
		assertThat(token(credential())).isEqualTo("tok-1");
		// Before: the miss waited two leases (10 s) for a holder that does not exist
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void olderTokenNeverReplacesANewerOne() {
		Instant now = Instant.now();
		this.store.write(SHARED_KEY, shared("newer", now.plusSeconds(3600))).block(SAFETY_NET);
		// A holder whose lease ran out writes the token it fetched before the newer one
		this.store.write(SHARED_KEY, shared("older", now.plusSeconds(1800))).block(SAFETY_NET);
		assertThat(this.store.read(SHARED_KEY).block(SAFETY_NET).token().token()).isEqualTo("newer");
		this.store.write(SHARED_KEY, shared("newest", now.plusSeconds(5400))).block(SAFETY_NET);
		assertThat(this.store.read(SHARED_KEY).block(SAFETY_NET).token().token()).isEqualTo("newest");
	}

	@Test
	void entryLargerThanAnyTokenIsNeitherSentNorDecoded(LogCapture log) {
		String redisKey = this.store.entryKey(SHARED_KEY);
		// 8 MB of base64, as a compromised Redis could plant for every instance
		redis.cli("SETRANGE", redisKey, String.valueOf(8 * 1024 * 1024 - 1), "A");
		long sentBefore = netOutputBytes();
		assertThat(this.store.read(SHARED_KEY).blockOptional(SAFETY_NET)).isEmpty();
		assertThat(netOutputBytes() - sentBefore).isLessThan(64 * 1024);
		assertThat(this.store.rejected()).isEqualTo(1);
		assertThat(log.text()).contains("larger than any token");
	}

	@Test
	void entryNamesAreKeyedSoAGuessedClientTenantAndScopeCannotBeConfirmed() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String name = onlyTokenKey();
		assertThat(this.store.entryKey(credentialKey())).isEqualTo(name);
		// What someone who reads Redis could compute from a guess
		byte[] guess = MessageDigest.getInstance("SHA-256")
			.digest(credentialKey().id().getBytes(StandardCharsets.UTF_8));
		assertThat(name).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(guess))
			.doesNotContain(HexFormat.of().formatHex(guess));
		byte[] otherKey = new byte[32];
		Arrays.fill(otherKey, (byte) 7);
		String otherName = store(otherKey).entryKey(credentialKey());
		assertThat(lastPart(otherName)).isNotEqualTo(lastPart(name));
		// Every instance with the fleet's key finds the entry
		assertThat(store(this.key.clone()).entryKey(credentialKey())).isEqualTo(name);
	}

	/**
	 * The key a {@link TestCredentials} credential uses for {@link #SCOPE}.
	 */
	private static SharedTokenKey credentialKey() {
		return new SharedTokenKey(entra.getRuntimeInfo().getHttpsBaseUrl(), TestCredentials.CLIENT_ID,
				TestCredentials.TENANT, List.of(SCOPE), false);
	}

	private static String lastPart(String redisKey) {
		return redisKey.substring(redisKey.lastIndexOf(':') + 1);
	}

	private static long netOutputBytes() {
		return redis.cli("INFO", "stats")
			.lines()
			.filter((line) -> line.startsWith("total_net_output_bytes:"))
			.map((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
			.findFirst()
			.orElseThrow();
	}

	private static SharedToken shared(String token, Instant expires) {
		return new SharedToken(new AccessToken(token, expires, "Bearer", null), expires.minusSeconds(300));
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
