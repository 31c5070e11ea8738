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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.RedisServerExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet sharing tokens through a real {@code redis-server} (started by the test on a
 * free loopback port, stopped by PID): credentials in separate processes, Redis stopped
 * and started, a lock holder killed, entries tampered with or planted, and what Redis
 * holds.
 */
@ExtendWith({ ReliabilityReportExtension.class, LogCaptureExtension.class })
class FleetCacheTests {

	private static final int FLEET_SIZE = 20;

	private static final String SCOPE = "api://fleet/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(60);

	private static final int SOAK_FLEET_SIZE = 5;

	private static final int SOAK_TOKEN_SECONDS = 6;

	/**
	 * The cold start's token and five refreshes, the last of which may still be on its
	 * way when the fleet stops.
	 */
	private static final int SOAK_TOKENS = 6;

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

	private static final byte[] KEY = new byte[32];

	static {
		Arrays.fill(KEY, (byte) 42);
	}

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static RedisServerExtension redis = new RedisServerExtension();

	private final List<ClientSecretCredential> credentials = new ArrayList<>();

	private RedisTokenStore store;

	@BeforeEach
	void createStore() {
		this.store = store(KEY);
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
	void twentyProcessesOnAColdCacheMakeExactlyOneTokenRequest() {
		// Slow enough that every member asks before the first answer lands
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("fleet-token", 3600).withFixedDelay(500)));
		long started;
		try (FleetProcesses fleet = new FleetProcesses()) {
			List<FleetProcesses.Member> members = new ArrayList<>();
			for (int i = 0; i < FLEET_SIZE; i++) {
				members.add(fleet.start(authority(), port(), key(), "10000", SCOPE, "token"));
			}
			for (FleetProcesses.Member member : members) {
				assertThat(member.readLine()).isEqualTo("READY");
			}
			started = System.nanoTime();
			members.forEach(FleetProcesses.Member::go);
			for (FleetProcesses.Member member : members) {
				assertThat(member.readLine()).isEqualTo("TOKEN fleet-token");
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		ReliabilityReport.record(Section.FLEET, 1,
				FLEET_SIZE + " credentials in separate JVMs, one Redis, cold caches, released at once (500 ms endpoint"
						+ " delay)",
				"every process got the token; one took the Redis lock and fetched, the others read it from Redis", "1",
				"all answered " + millis + " ms after the release");
	}

	@Test
	void soakWithShortLivedTokensMakesOneTokenRequestPerRefreshFleetWide() {
		// Every request gets a token of its own that lives 6 s: refreshed at half its
		// life
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("soak-{{randomValue length=16 type='ALPHANUMERIC'}}", SOAK_TOKEN_SECONDS)
				.withTransformers("response-template")));
		List<Soak> soaks = new ArrayList<>();
		try (FleetProcesses fleet = new FleetProcesses()) {
			List<FleetProcesses.Member> members = new ArrayList<>();
			for (int i = 0; i < SOAK_FLEET_SIZE; i++) {
				members.add(fleet.start(authority(), port(), key(), "5000", SCOPE, "soak"));
			}
			for (FleetProcesses.Member member : members) {
				assertThat(member.readLine()).isEqualTo("READY");
			}
			members.forEach(FleetProcesses.Member::go);
			// Counts, not time: run until the fleet has gone through the refresh cycles
			await().atMost(SAFETY_NET).pollInterval(Duration.ofMillis(50)).until(() -> tokenRequests() >= SOAK_TOKENS);
			members.forEach(FleetProcesses.Member::stop);
			for (FleetProcesses.Member member : members) {
				soaks.add(Soak.parse(member.readLine()));
			}
		}
		// After the members are gone, so that a refresh they started just before they
		// stopped is counted too
		List<String> issued = issuedTokens();
		assertThat(soaks).allSatisfy((soak) -> {
			assertThat(soak.failed()).isZero();
			// A second request in a refresh cycle shows as a token that an instance
			// skipped: the one that fetched the newer token never serves the older one
			assertThat(soak.tokens()).isIn(issued, issued.subList(0, issued.size() - 1));
		});
		// One request per token, and every token but perhaps the last (issued as the
		// fleet stopped) served fleet-wide
		assertThat(issued).hasSize(tokenRequests()).hasSizeGreaterThanOrEqualTo(SOAK_TOKENS).doesNotHaveDuplicates();
		List<String> served = soaks.stream().flatMap((soak) -> soak.tokens().stream()).distinct().toList();
		assertThat(served).isSubsetOf(issued).containsAll(issued.subList(0, issued.size() - 1));
		int calls = soaks.stream().mapToInt(Soak::calls).sum();
		ReliabilityReport.record(Section.FLEET, 2,
				SOAK_FLEET_SIZE + " credentials in separate JVMs, one Redis, tokens living " + SOAK_TOKEN_SECONDS
						+ " s (refreshed at half their life), a call every 20 ms per process until the endpoint has"
						+ " issued " + SOAK_TOKENS + " tokens",
				"0 failed calls; every process served the same tokens in the same order: at each refresh one"
						+ " instance took the lock and fetched, the others read the new token from Redis",
				"1 per refresh cycle", issued.size() + " requests (the cold start and " + (issued.size() - 1)
						+ " refreshes), " + calls + " calls");
	}

	@Test
	void lockHolderKilledWhileHoldingTheLockLetsAnotherInstanceFetchAfterTheLease() {
		entra.stubFor(
				post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("after-crash", 3600)));
		long waited;
		try (FleetProcesses fleet = new FleetProcesses()) {
			FleetProcesses.Member holder = fleet.start(authority(), port(), key(), "3000", SCOPE, "hold");
			assertThat(holder.readLine()).isEqualTo("READY");
			holder.go();
			assertThat(holder.readLine()).isEqualTo("LOCKED");
			holder.kill();
			assertThat(redis.cli("KEYS", "entra-identity:lock:*")).contains("entra-identity:lock:");
			FleetProcesses.Member other = fleet.start(authority(), port(), key(), "3000", SCOPE, "token");
			assertThat(other.readLine()).isEqualTo("READY");
			long started = System.nanoTime();
			other.go();
			assertThat(other.readLine()).isEqualTo("TOKEN after-crash");
			waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
		}
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		ReliabilityReport.record(Section.FLEET, 3,
				"the lock holder's JVM killed (SIGKILL) while it holds the lock (3 s lease), before it fetched",
				"another instance waits for the lease to run out, takes the lock and fetches; the fleet is not stalled",
				"1", "the other instance answered after " + waited + " ms");
	}

	@Test
	void redisStoppedMidRunFailsNoCallAndRedisBackIsUsedAgain(LogCapture log) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential warm = credential();
		assertThat(token(warm)).isEqualTo("tok-1");
		redis.server().stop();
		ClientSecretCredential cold = credential();
		List<AccessToken> tokens = Flux.range(0, 200)
			.flatMap((i) -> (i % 2 == 0) ? warm.getToken(SCOPE) : cold.getToken(SCOPE))
			.collectList()
			.block(SAFETY_NET);
		assertThat(tokens).hasSize(200).extracting(AccessToken::token).containsOnly("tok-1");
		// The cold credential fetched for itself: one request, not one per call
		entra.verify(2, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.store.isAvailable()).isFalse();
		assertThat(log.text()).containsOnlyOnce("The Redis token cache is unavailable");
		redis.server().restart();
		long restarted = System.nanoTime();
		// Redis restarts empty: once the connection is back, one credential fills it
		// again
		await().atMost(SAFETY_NET).pollInterval(Duration.ofMillis(200)).until(() -> {
			token(credential());
			return this.store.isAvailable() && !redis.cli("KEYS", "entra-identity:token:*").isBlank();
		});
		long back = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
		entra.resetRequests();
		long hits = this.store.hits();
		assertThat(token(credential())).isEqualTo("tok-1");
		entra.verify(0, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.store.hits()).isEqualTo(hits + 1);
		assertThat(log.text()).contains("The Redis token cache answers again");
		ReliabilityReport.record(Section.FLEET, 4,
				"redis-server stopped mid-run, 200 calls on a warm and a cold credential, then Redis started again",
				"0 failed calls: the warm credential served from memory, the cold one fetched once for itself; one"
						+ " WARN for the outage; after the restart Lettuce reconnected and a new credential was"
						+ " served from Redis without a request",
				"1 during the outage (the cold credential), 0 for the credential served from Redis afterwards",
				"Redis used again " + back + " ms after the restart");
	}

	@Test
	void tamperedOrForeignEntryIsIgnoredAndNeverServed(LogCapture log) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String redisKey = onlyKey("entra-identity:token:*");
		String value = redis.cli("GET", redisKey).strip();
		char[] chars = value.toCharArray();
		int middle = chars.length / 2;
		chars[middle] = (chars[middle] == 'A') ? 'B' : 'A';
		redis.cli("SET", redisKey, new String(chars), "PX", "600000");
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(token(credential())).isEqualTo("tok-2");
		// Read twice: before the fetch lock and by the lock holder
		assertThat(this.store.rejected()).isEqualTo(2);
		// An entry written by a fleet with another key, planted under this fleet's key
		// name
		byte[] otherKey = new byte[32];
		Arrays.fill(otherKey, (byte) 7);
		redis.cli("FLUSHALL");
		RedisTokenStore foreign = store(otherKey);
		ClientSecretCredential other = TestCredentials.builder(entra).sharedTokenStore(foreign).build();
		this.credentials.add(other);
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("foreign", 3600)));
		assertThat(token(other)).isEqualTo("foreign");
		redis.cli("RENAME", onlyKey("entra-identity:token:*"), redisKey);
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-3", 3600)));
		assertThat(token(credential())).isEqualTo("tok-3");
		assertThat(this.store.rejected()).isEqualTo(4);
		assertThat(log.text()).contains("Ignored the Redis token cache entry");
		ReliabilityReport.record(Section.FLEET, 5,
				"an entry with one character changed; an entry encrypted with another fleet's key, renamed to this"
						+ " fleet's key name",
				"both ignored (AES-GCM with the Redis key as associated data fails; a WARN, metric result=rejected),"
						+ " never served: the credential fetched its own token",
				"1 per ignored entry", "-");
	}

	@Test
	void redisHoldsOnlyCiphertextAndNeverTheSecret() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("eyJhbGciOi.payload.sig", 3600)));
		token(credential());
		StringBuilder everything = new StringBuilder();
		List<String> keys = redis.server().keys("*");
		for (String redisKey : keys) {
			everything.append(redisKey).append('\n').append(redis.cli("GET", redisKey)).append('\n');
		}
		assertThat(everything.toString()).contains("entra-identity:token:")
			.doesNotContain("eyJhbGciOi")
			.doesNotContain("payload")
			.doesNotContain(TestCredentials.SECRET)
			.doesNotContain(TestCredentials.CLIENT_ID)
			.doesNotContain(TestCredentials.TENANT)
			.doesNotContain("api://");
		ReliabilityReport.record(Section.FLEET, 6, "every key and value redis-cli shows after a token was shared",
				"only ciphertext: neither the token nor the client secret, client id, tenant or scope (key names hold"
						+ " a key fingerprint and a keyed hash)",
				"1", keys.size() + " key(s)");
	}

	@Test
	void lockWithoutExpiryPlantedInRedisIsTakenOverAndTheMissFetchesAtOnce() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String lockKey = onlyKey("entra-identity:token:*").replace(":token:", ":lock:");
		redis.cli("FLUSHALL");
		// Anyone with write access to Redis, or a bug elsewhere
		redis.cli("SET", lockKey, "planted");
		long started = System.nanoTime();
		assertThat(token(credential())).isEqualTo("tok-1");
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		assertThat(millis).isLessThan(5000);
		redis.cli("SET", lockKey, "planted", "PX", "3600000");
		redis.cli("DEL", onlyKey("entra-identity:token:*"));
		assertThat(token(credential())).isEqualTo("tok-1");
		entra.verify(3, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(this.store.lockWaits()).isZero();
		ReliabilityReport.record(Section.FLEET, 7,
				"a fetch lock planted in Redis without expiry, then one for an hour (lease 5 s), on a cold cache",
				"taken over at once as not held (a lock no credential could have set): the miss fetched without"
						+ " waiting; a lock held by a credential costs a waiter at most one lease",
				"1 per miss", "the miss answered in " + millis + " ms");
	}

	@Test
	void holderWhoseLeaseRanOutNeitherOverwritesANewerTokenNorReleasesTheNextLock() {
		SharedTokenKey key = new SharedTokenKey(authority(), TestCredentials.CLIENT_ID, TestCredentials.TENANT,
				List.of(SCOPE), false);
		// Two credentials of one process share the store: the first's lease runs out
		// while it fetches, the second takes the lock and stores a newer token
		assertThat(this.store.tryLock(key, "first-acquisition").block(SAFETY_NET)).isTrue();
		String lockKey = onlyKey("entra-identity:lock:*");
		redis.cli("DEL", lockKey);
		assertThat(this.store.tryLock(key, "second-acquisition").block(SAFETY_NET)).isTrue();
		Instant now = Instant.now();
		this.store.write(key, shared("newer", now.plusSeconds(3600))).block(SAFETY_NET);
		// The first one is done at last
		this.store.write(key, shared("older", now.plusSeconds(1800))).block(SAFETY_NET);
		this.store.unlock(key, "first-acquisition").block(SAFETY_NET);
		assertThat(this.store.read(key).block(SAFETY_NET).token().token()).isEqualTo("newer");
		assertThat(redis.cli("GET", lockKey).strip()).isEqualTo("second-acquisition");
		ReliabilityReport.record(Section.FLEET, 8,
				"a lock holder whose lease ran out writes the older token it fetched after the next holder (another"
						+ " credential of the same process) stored a newer one, then releases \"its\" lock",
				"the newer token stays (a script writes only a token that expires later) and the next holder keeps"
						+ " its lock (one owner id per acquisition, not per process)",
				"0", "-");
	}

	@Test
	void valuePlantedLargerThanAnyTokenIsNotSentByRedis() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String redisKey = onlyKey("entra-identity:token:*");
		redis.cli("DEL", redisKey);
		redis.cli("SETRANGE", redisKey, String.valueOf(64 * 1024 * 1024 - 1), "A");
		long sent = netOutputBytes();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(token(credential())).isEqualTo("tok-2");
		sent = netOutputBytes() - sent;
		assertThat(sent).isLessThan(64 * 1024);
		assertThat(this.store.rejected()).isPositive();
		ReliabilityReport.record(Section.FLEET, 9,
				"a 64 MB value planted under an entry's name (a compromised Redis making every instance allocate)",
				"not sent: a script refuses values longer than any token could make (96 Ki characters) before GET;"
						+ " counted as rejected, the credential fetched its own token",
				"1", "Redis sent " + sent + " bytes for the miss");
	}

	@Test
	void entryNamesDoNotConfirmAGuessedClientTenantAndScope() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		token(credential());
		String name = onlyKey("entra-identity:token:*");
		String id = new SharedTokenKey(authority(), TestCredentials.CLIENT_ID, TestCredentials.TENANT, List.of(SCOPE),
				false)
			.id();
		byte[] guess = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
		assertThat(name).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(guess))
			.doesNotContain(HexFormat.of().formatHex(guess));
		ReliabilityReport.record(Section.FLEET, 10,
				"someone who can read Redis hashes a guessed authority, client id, tenant and scope to find its entry",
				"no match: entry names and the key fingerprint are HMAC-SHA256 with sub-keys of the encryption key"
						+ " (every instance with the key derives the same names)",
				"1", "-");
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

	private static int tokenRequests() {
		return entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))).size();
	}

	/**
	 * The tokens the endpoint issued, in the order it issued them.
	 */
	private static List<String> issuedTokens() {
		List<ServeEvent> events = new ArrayList<>(entra.getAllServeEvents());
		// The journal lists the newest first
		Collections.reverse(events);
		List<String> tokens = new ArrayList<>();
		for (ServeEvent event : events) {
			Matcher matcher = ACCESS_TOKEN.matcher(event.getResponse().getBodyAsString());
			assertThat(matcher.find()).isTrue();
			tokens.add(matcher.group(1));
		}
		return tokens;
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

	private static String onlyKey(String pattern) {
		List<String> keys = redis.server().keys(pattern);
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

	private static String port() {
		return String.valueOf(redis.server().port());
	}

	private static String key() {
		return Base64.getEncoder().encodeToString(KEY);
	}

	static String authority() {
		return entra.getRuntimeInfo().getHttpsBaseUrl();
	}

	/**
	 * What a soaking member reported.
	 */
	private record Soak(int calls, int failed, List<String> tokens) {

		static Soak parse(String line) {
			String[] parts = line.split(" ");
			assertThat(parts).hasSize(4);
			return new Soak(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), List.of(parts[3].split(",")));
		}

	}

}
