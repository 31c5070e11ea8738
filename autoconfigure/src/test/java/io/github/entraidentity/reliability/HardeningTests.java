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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A hostile or broken authority, API or shared directory, through the public API: each
 * row fails without the defence it names.
 */
@ExtendWith(ReliabilityReportExtension.class)
class HardeningTests {

	private static final String TOKEN_PATH = "/hardening-tenant/oauth2/v2.0/token";

	private static final String SCOPE = "api://hardening/.default";

	private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private static final byte[] KEY = new byte[32];

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	@TempDir
	Path work;

	@BeforeEach
	void startClock() {
		this.clock.advanceTimeTo(START);
	}

	@Test
	void expiresOnInMillisecondsDoesNotMakeATokenLiveForMillennia() {
		long expiresOnMillis = START.toEpochMilli() + 3_600_000;
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":"
				+ "\"ms-token\",\"expires_in\":3600,\"expires_on\":" + expiresOnMillis + "}")));
		AccessToken token = credential().getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
		ReliabilityReport.record(Section.HARDENING, 10,
				"authority sends expires_on in milliseconds (year ~58,000) next to a valid expires_in",
				"expires_on outside 1 s..365 days is ignored: the token expires after expires_in (3600 s); refresh_in"
						+ " has the same bounds and never lands after the expiry",
				"1", "expires " + token.expiresOn());
	}

	@Test
	void claimsTheCredentialWouldRejectYieldTheApisUnauthorized() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		String claims = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"access_token\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\"" + claims + "\"")
			.withBody("challenged")));
		String result = apiClient(credential()).get()
			.uri("/data")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((body) -> response.statusCode().value() + " " + body))
			.block(Duration.ofSeconds(10));
		assertThat(result).isEqualTo("401 challenged");
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(tokenRequests).isOne();
		ReliabilityReport.record(Section.HARDENING, 20,
				"API answers 401 with a claims challenge whose claims decode to {\"access_token\":\"x\"}",
				"the caller gets the API's 401 (claims are validated once, where the challenge is read), not an"
						+ " IllegalArgumentException; no token request with those claims",
				String.valueOf(tokenRequests));
	}

	@Test
	void apiThatChallengesEveryCallCannotTurnEveryCallIntoATokenRequest() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(containing("claims="))
			.atPriority(1)
			.willReturn(TokenResponses.token("claims-token", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate",
					"Bearer error=\"insufficient_claims\", claims=\"{{{base64 (join '{\"access_token\":{\"nbf\":"
							+ "{\"essential\":true,\"value\":\"' (randomValue length=10 type='NUMERIC') '\"}}}' '')}}}\"")
			.withBody("challenged")
			.withTransformers("response-template")));
		WebClient client = apiClient(credential());
		int calls = 100;
		int unauthorized = 0;
		for (int i = 0; i < calls; i++) {
			Integer status = client.get()
				.uri("/data")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block(Duration.ofSeconds(10));
			unauthorized += (status == 401) ? 1 : 0;
		}
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(unauthorized).isEqualTo(calls);
		assertThat(tokenRequests).isEqualTo(6);
		ReliabilityReport.record(Section.HARDENING, 21,
				"API answers every one of " + calls + " calls with a new claims challenge (1 minute, virtual clock)",
				"at most 5 token requests with claims per scope set and minute (the same claims within 30 s reuse"
						+ " their token); beyond that the filter returns the API's 401 as it is, WARN once per minute,"
						+ " counted as identity.token.claims.limited",
				tokenRequests + " (1 plain + 5 with claims)", calls + " calls, " + unauthorized + " answered 401");
	}

	@Test
	void tokenIsNeverAttachedToARelativeUrlResolvedLater() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		HttpClient resolving = HttpClient.create()
			.secure((spec) -> spec.sslContext(TestTls.trustingSslContext()))
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl());
		WebClient client = TestTls.webClient(resolving)
			.mutate()
			.filter(BearerTokenFilter.of(credential(), SCOPE))
			.build();
		assertThatIllegalStateException()
			.isThrownBy(() -> client.get().uri("/data").retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
			.withMessageContaining("no scheme or host");
		int apiRequests = api.findAll(anyRequestedFor(anyUrl())).size();
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(apiRequests + tokenRequests).isZero();
		ReliabilityReport.record(Section.HARDENING, 30,
				"request with a relative URL that the HttpClient's base URL resolves after the filter ran",
				"refused with IllegalStateException before any token is fetched: a token is attached only when the"
						+ " URL's scheme and host are known and allowed",
				tokenRequests + " token, " + apiRequests + " API");
	}

	@Test
	void fifoAtTheCacheFileAndLockFileHoldsUpNoCaller() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		Path directory = this.work.resolve("fifo");
		try (ClientSecretCredential first = persistent(directory, KEY)) {
			first.getToken(SCOPE).block(Duration.ofSeconds(10));
		}
		Path file = onlyFile(directory, ".nocae");
		Path lock = file.resolveSibling(file.getFileName() + ".lock");
		Files.delete(file);
		Files.delete(lock);
		mkfifo(file);
		mkfifo(lock);
		long started = System.nanoTime();
		String token;
		try (ClientSecretCredential second = persistent(directory, KEY)) {
			token = second.getToken(SCOPE).block(Duration.ofSeconds(20)).token();
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(token).isEqualTo("plain-token");
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		ReliabilityReport.record(Section.HARDENING, 40,
				"FIFOs at the persistent cache file's path and at its lock file (as a stalled home directory would)",
				"the caller gets a token from the endpoint: only regular files are opened (no symbolic link is"
						+ " followed, at most 16 MiB is read), store reads give up after 2 s (a miss), and the token"
						+ " is handed over before it is persisted in the background",
				requests + " (1 before the FIFOs, 1 after)", "answered and closed in " + millis + " ms");
	}

	@Test
	void cacheDirectoryOthersCanWriteToIsNotUsed() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		Path directory = Files.createDirectory(this.work.resolve("shared"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));
		for (int i = 0; i < 2; i++) {
			try (ClientSecretCredential credential = persistent(directory, KEY)) {
				credential.getToken(SCOPE).block(Duration.ofSeconds(10));
			}
		}
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(requests).isEqualTo(2);
		assertThat(directory).isEmptyDirectory();
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientSecretCredential.builder()
			.tenantId("hardening-tenant")
			.clientId("hardening-client")
			.clientSecret("hardening-Secret~1")
			.cachePersistenceOptions(
					TokenCachePersistenceOptions.builder().directory(directory).allowUnencryptedStorage(true).build())
			.build()).withMessageContaining("refused for plaintext storage");
		ReliabilityReport.record(Section.HARDENING, 41,
				"persistent cache directory writable by its group (chmod 770), then by everyone (777)",
				"encrypted: the directory is neither read nor written (WARN once), so two restarts share nothing;"
						+ " plaintext: the credential fails to build. The directory must also be owned by the user"
						+ " running the process",
				requests + " (one per restart)");
	}

	@Test
	void deploymentsWithDifferentKeysKeepEachOthersTokens() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		Path directory = this.work.resolve("two-keys");
		byte[] otherKey = new byte[32];
		Arrays.fill(otherKey, (byte) 2);
		for (byte[] key : List.of(KEY, otherKey, KEY, otherKey)) {
			try (ClientSecretCredential credential = persistent(directory, key)) {
				credential.getToken(SCOPE).block(Duration.ofSeconds(10));
			}
		}
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(requests).isEqualTo(2);
		List<String> files;
		try (Stream<Path> list = Files.list(directory)) {
			files = list.map((file) -> file.getFileName().toString())
				.filter((file) -> !file.endsWith(".lock"))
				.toList();
		}
		assertThat(files).hasSize(2);
		ReliabilityReport.record(Section.HARDENING, 42,
				"two deployments with different encryption keys restart in turn on one cache directory",
				"each key has its own file (named after a fingerprint of the key), so neither erases the other's"
						+ " tokens: each restart is served from the cache (INFO once that other keys' files are left"
						+ " alone)",
				requests + " (one per key)", files.size() + " cache files");
	}

	@Test
	void authoritiesOnOneHostDoNotShareStoredTokens() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("root-token", 3600)));
		entra.stubFor(
				post(urlPathMatching("/tenants-b" + TOKEN_PATH)).willReturn(TokenResponses.token("path-token", 3600)));
		Path directory = this.work.resolve("authorities");
		String root = entra.getRuntimeInfo().getHttpsBaseUrl();
		List<String> tokens = new ArrayList<>();
		for (String authority : List.of(root, root + "/tenants-b", root.toUpperCase(Locale.ROOT) + "/")) {
			try (ClientSecretCredential credential = persistent(directory, KEY, authority)) {
				tokens.add(credential.getToken(SCOPE).block(Duration.ofSeconds(10)).token());
			}
		}
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(tokens).containsExactly("root-token", "path-token", "root-token");
		assertThat(requests).isEqualTo(2);
		ReliabilityReport.record(Section.HARDENING, 43,
				"two authorities on one host (https://localhost:port and .../tenants-b) share a cache directory",
				"entries are keyed on the canonical authority (scheme, host, port, path) as a JSON array with the"
						+ " client, tenant and scopes: each authority gets its own token, the same authority in"
						+ " upper case with a trailing slash gets the first one from the cache",
				requests + " (one per authority)");
	}

	@Test
	void storedEntryIsNeverServedPastItsExpiryWhateverTheFileSays() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("fresh-token", 3600)));
		Path directory = Files.createDirectory(this.work.resolve("plaintext"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		long now = START.toEpochMilli();
		String authority = entra.getRuntimeInfo().getHttpsBaseUrl();
		Files.writeString(directory.resolve("msal.cache.nocae"),
				"{\"version\":1,\"entries\":{"
						+ entry(authority, "api://refresh-after-expiry/.default", "late-token", now + 60_000,
								Long.MAX_VALUE)
						+ "," + entry(authority, "api://millennia/.default", "forever-token",
								now + 1_576_800_000_000_000L, now + 1_576_000_000_000_000L)
						+ "}}");
		TokenCachePersistenceOptions plaintext = TokenCachePersistenceOptions.builder()
			.directory(directory)
			.allowUnencryptedStorage(true)
			.build();
		List<String> served = new ArrayList<>();
		try (ClientSecretCredential credential = credentialBuilder().cachePersistenceOptions(plaintext).build()) {
			served
				.add(credential.getToken("api://refresh-after-expiry/.default").block(Duration.ofSeconds(10)).token());
			this.clock.advanceTimeBy(Duration.ofSeconds(60));
			served
				.add(credential.getToken("api://refresh-after-expiry/.default").block(Duration.ofSeconds(10)).token());
			served.add(credential.getToken("api://millennia/.default").block(Duration.ofSeconds(10)).token());
		}
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(served).containsExactly("late-token", "fresh-token", "fresh-token");
		assertThat(requests).isEqualTo(2);
		ReliabilityReport.record(Section.HARDENING, 44,
				"cache file says refreshAt lies after expiresOn, or expiresOn ~50,000 years ahead",
				"refreshAt is clamped to expiresOn on loading and the fast path checks the expiry too: the stored"
						+ " token is served until it expires, never after; a token valid for longer than any"
						+ " response could make is not loaded",
				requests + " (at the expiry, and for the millennia entry)");
	}

	@Test
	void mebibyteOfRepeatedJwtPrefixesIsReportedInSecondsNotMinutes() {
		String body = "eyJ".repeat(1024 * 1024 / 3);
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(aResponse().withStatus(400).withBody(body)));
		long started = System.nanoTime();
		// Preemptive and generous: the quadratic pattern of the past took minutes here
		ClientAuthenticationException failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> catchThrowableOfType(ClientAuthenticationException.class,
						() -> credentialBuilder().maxResponseBytes(1024 * 1024)
							.build()
							.getToken(SCOPE)
							.block(Duration.ofSeconds(20))));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(failure.getMessage()).contains("Body: eyJeyJ").endsWith("...");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> credentialBuilder().maxResponseBytes(2 * 1024 * 1024).build())
			.withMessageContaining("maxResponseBytes must be between 1024 and 1048576 bytes");
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		ReliabilityReport.record(Section.HARDENING, 11,
				"authority answers HTTP 400 with 1 MiB of repeated eyJ (maxResponseBytes at its 1 MiB limit)",
				"the caller gets ClientAuthenticationException with a 200-character masked excerpt: JWTs are masked"
						+ " in one pass (each character read a few times, not once per eyJ); maxResponseBytes above"
						+ " 1 MiB fails the build naming the setting",
				String.valueOf(requests), "answered in " + millis + " ms");
	}

	@Test
	void revokedSecretCannotTurnCallsIntoTokenRequests() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		Path secretFile = Files.writeString(this.work.resolve("client-secret"), "revoked-Secret~1");
		ClientSecretCredential credential = ClientSecretCredential.builder()
			.tenantId("hardening-tenant")
			.clientId("hardening-client")
			.clientSecretFile(secretFile)
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.scheduler(this.clock)
			.build();
		int failed = 0;
		for (int i = 0; i < 1000; i++) {
			failed += (catchThrowableOfType(ClientAuthenticationException.class,
					() -> credential.getToken(SCOPE).block(Duration.ofSeconds(10))) != null) ? 1 : 0;
			this.clock.advanceTimeBy(Duration.ofMillis(4));
		}
		int duringBackoff = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(failed).isEqualTo(1000);
		assertThat(duringBackoff).isOne();
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(containing("client_secret=fixed-Secret"))
			.atPriority(1)
			.willReturn(TokenResponses.token("fixed-token", 3600)));
		Files.writeString(secretFile, "fixed-Secret~2");
		this.clock.advanceTimeBy(Duration.ofSeconds(1));
		String token = credential.getToken(SCOPE).block(Duration.ofSeconds(10)).token();
		int requests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(token).isEqualTo("fixed-token");
		assertThat(requests).isEqualTo(2);
		ReliabilityReport.record(Section.HARDENING, 12,
				"revoked client secret (AADSTS7000215): 1,000 calls within 4 s, then the secret file is fixed",
				"every call fails with Entra's invalid_client answer, but misses of a key fail fast for 5 s after a"
						+ " rejection (doubling to 60 s while rejections go on) instead of asking again; the fixed"
						+ " secret is used by the first miss after that period",
				requests + " (1 rejected for 1,000 calls, 1 with the fixed secret)");
	}

	@Test
	void secretFileTurnedIntoAFifoOrAHugeFileHoldsUpNoCaller() throws Exception {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		Path secretFile = Files.writeString(this.work.resolve("client-secret"), "hardening-Secret~1");
		ClientSecretCredential credential = ClientSecretCredential.builder()
			.tenantId("hardening-tenant")
			.clientId("hardening-client")
			.clientSecretFile(secretFile)
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.build();
		credential.getToken("api://before/.default").block(Duration.ofSeconds(10));
		long started = System.nanoTime();
		Files.delete(secretFile);
		mkfifo(secretFile);
		String afterFifo = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> credential.getToken("api://fifo/.default").block(Duration.ofSeconds(10)).token());
		Files.delete(secretFile);
		try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(secretFile.toFile(), "rw")) {
			sparse.setLength(3L * 1024 * 1024 * 1024);
		}
		String afterHugeFile = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> credential.getToken("api://huge/.default").block(Duration.ofSeconds(10)).token());
		Files.delete(secretFile);
		Files.createSymbolicLink(secretFile, Path.of("/dev/zero"));
		String afterDevZero = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> credential.getToken("api://zero/.default").block(Duration.ofSeconds(10)).token());
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(List.of(afterFifo, afterHugeFile, afterDevZero)).containsOnly("plain-token");
		List<String> secrets = entra.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.map((request) -> request.getBodyAsString().contains("client_secret=hardening-Secret") ? "last" : "other")
			.toList();
		assertThat(secrets).containsOnly("last");
		ReliabilityReport.record(Section.HARDENING, 45,
				"client-secret file replaced by a FIFO, then a 3 GiB sparse file, then a link to /dev/zero",
				"every caller gets a token with the secret read last (WARN once): secret files are read like the"
						+ " token cache file, only a regular file (the target of its links, so Kubernetes ..data"
						+ " swaps still work) of at most 16 KiB, on a worker thread within 2 s, never the caller's",
				secrets.size() + " (one per scope, all with the secret read last)", "answered in " + millis + " ms");
	}

	private static String entry(String authority, String scope, String token, long expiresOn, long refreshAt) {
		String key = "[\"" + authority + "\",\"hardening-client\",\"hardening-tenant\",\"" + scope + "\"]";
		return "\"" + key.replace("\"", "\\\"") + "\":{\"token\":\"" + token
				+ "\",\"tokenType\":\"Bearer\",\"expiresOn\":" + expiresOn + ",\"refreshAt\":" + refreshAt + "}";
	}

	private ClientSecretCredential persistent(Path directory, byte[] key) {
		return persistent(directory, key, entra.getRuntimeInfo().getHttpsBaseUrl());
	}

	private ClientSecretCredential persistent(Path directory, byte[] key, String authority) {
		return credentialBuilder().authority(authority)
			.cachePersistenceOptions(
					TokenCachePersistenceOptions.builder().directory(directory).encryptionKey(key).build())
			.build();
	}

	private static Path onlyFile(Path directory, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> matching = files.filter((file) -> file.getFileName().toString().endsWith(suffix)).toList();
			assertThat(matching).hasSize(1);
			return matching.get(0);
		}
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).as("mkfifo exit code").isZero();
	}

	private ClientSecretCredential credential() {
		return credentialBuilder().build();
	}

	private ClientSecretCredential.Builder credentialBuilder() {
		return ClientSecretCredential.builder()
			.tenantId("hardening-tenant")
			.clientId("hardening-client")
			.clientSecret("hardening-Secret~1")
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.scheduler(this.clock);
	}

	private static WebClient apiClient(ClientSecretCredential credential) {
		return TestTls.webClient()
			.mutate()
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.filter(BearerTokenFilter.of(credential, SCOPE))
			.build();
	}

}
