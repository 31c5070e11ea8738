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
package io.github.entraidentity.credential;

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
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.entraidentity.credential.internal.Authority;
import io.github.entraidentity.testsupport.NamedPipes;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tokens outlive the credential that fetched them: a new credential, or a new process,
 * with the same cache name, tenant, client and scopes is served without a request.
 *
 * @author Entra Identity contributors
 */
class PersistentTokenCacheTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final String SCOPE = "api://x/.default";

	private static final String SECRET = "s3cr3t-value~that.must.never.be.stored";

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final byte[] key = new byte[32];

	@BeforeEach
	void startClock() {
		this.scheduler.advanceTimeTo(Instant.now());
		Arrays.fill(this.key, (byte) 7);
	}

	@Test
	void tokenStoredByOneCredentialIsServedToANewCredentialWithoutARequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
		assertThat(entra.getAllServeEvents()).hasSize(1);
		entra.resetRequests();
		ClientSecretCredential restarted = credential(UnaryOperator.identity());
		assertThat(token(restarted)).isEqualTo("tok-1");
		assertThat(restarted.getToken(SCOPE).block(SAFETY_NET).expiresOn())
			.isEqualTo(Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS)).plusSeconds(3600));
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void concurrentCallersOnAColdPersistentCacheShareOneStoreReadAndOneRequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = credential(UnaryOperator.identity());
		List<AccessToken> tokens = Flux.range(0, 1000)
			.flatMap((i) -> credential.getToken(SCOPE), 1000)
			.collectList()
			.block(SAFETY_NET);
		assertThat(tokens).hasSize(1000).extracting(AccessToken::token).containsOnly("tok-1");
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void storedTokenIsNotServedToAnotherClientOrCacheName() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		// Closed, so that no token is still being persisted when the directory is removed
		assertThat(tokenThenClose(credential((builder) -> builder.clientId("client-2")))).isEqualTo("tok-2");
		assertThat(tokenThenClose(
				credential((builder) -> builder.cachePersistenceOptions(TokenCachePersistenceOptions.builder()
					.name("other")
					.directory(this.directory)
					.encryptionKey(this.key)
					.build()))))
			.isEqualTo("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(3);
	}

	@Test
	void storedTokenInsideItsRefreshWindowIsRefreshedBeforeUse() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("tok-2");
		entra.resetRequests();
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-2");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void cacheFileHoldsNeitherTheTokenNorTheSecret() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("eyJhbGciOi.payload.sig", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("eyJhbGciOi.payload.sig");
		String file = Files.readString(onlyCacheFile(), StandardCharsets.ISO_8859_1);
		assertThat(file).doesNotContain("eyJhbGciOi").doesNotContain(SECRET).doesNotContain("client-1");
	}

	@Test
	void unencryptedCacheFileHoldsTheTokenButNeverTheSecret() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		UnaryOperator<ClientSecretCredential.Builder> plaintext = (builder) -> builder.cachePersistenceOptions(
				TokenCachePersistenceOptions.builder().directory(this.directory).allowUnencryptedStorage(true).build());
		assertThat(tokenThenClose(credential(plaintext))).isEqualTo("tok-1");
		String file = Files.readString(this.directory.resolve("msal.cache.nocae"));
		assertThat(file).contains("tok-1").doesNotContain(SECRET).doesNotContain("client_secret");
		entra.resetRequests();
		assertThat(token(credential(plaintext))).isEqualTo("tok-1");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void credentialWithoutKeyOrPermissionForPlaintextFailsAtConstruction() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> credential((builder) -> builder
				.cachePersistenceOptions(TokenCachePersistenceOptions.builder().directory(this.directory).build())))
			.withMessageContaining("cachePersistenceOptions.encryptionKey is not set")
			.withMessageContaining("allowUnencryptedStorage(true)")
			.withMessageNotContaining(SECRET);
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void tokensWrittenByOtherProcessesAtTheSameTimeAreAllServedWithoutARequest() throws Exception {
		String authority = Authority.parse(entra.getRuntimeInfo().getHttpsBaseUrl()).canonical();
		long expiresOn = this.scheduler.now(TimeUnit.MILLISECONDS) + 3_600_000;
		int tokensPerProcess = 20;
		List<Process> processes = new ArrayList<>();
		for (String prefix : List.of("first", "second")) {
			processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), CacheWritingProcess.class.getName(),
					this.directory.toString(), TokenCachePersistenceOptions.DEFAULT_NAME,
					Base64.getEncoder().encodeToString(this.key), authority, "client-1", "tenant-1", prefix,
					String.valueOf(tokensPerProcess), String.valueOf(expiresOn))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve(prefix + ".log").toFile())
				.start());
		}
		for (Process process : processes) {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(() -> log(processes.indexOf(process))).isZero();
		}
		ClientSecretCredential credential = credential(UnaryOperator.identity());
		for (String prefix : List.of("first", "second")) {
			for (int i = 0; i < tokensPerProcess; i++) {
				assertThat(credential.getToken(CacheWritingProcess.scope(prefix, i)).block(SAFETY_NET).token())
					.isEqualTo("tok-" + prefix + "-" + i);
			}
		}
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void authoritiesOnOneHostDoNotShareTokens() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-root", 3600)));
		entra.stubFor(
				post(urlEqualTo("/other-authority" + TOKEN_PATH)).willReturn(TokenResponses.token("tok-path", 3600)));
		assertThat(tokenThenClose(credential(UnaryOperator.identity()))).isEqualTo("tok-root");
		assertThat(tokenThenClose(credential(
				(builder) -> builder.authority(entra.getRuntimeInfo().getHttpsBaseUrl() + "/other-authority"))))
			.isEqualTo("tok-path");
		assertThat(entra.getAllServeEvents()).hasSize(2);
		// The same authority written differently is the same authority
		entra.resetRequests();
		String shouting = entra.getRuntimeInfo().getHttpsBaseUrl().replace("https://localhost", "HTTPS://LOCALHOST");
		assertThat(token(credential((builder) -> builder.authority(shouting + "/")))).isEqualTo("tok-root");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	@Timeout(30)
	void fifoAtTheCacheFileOrLockFilePathHoldsUpNoCaller() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential first = credential(UnaryOperator.identity());
		assertThat(tokenThenClose(first)).isEqualTo("tok-1");
		Path file = onlyCacheFile();
		Files.delete(file);
		NamedPipes.create(file);
		Path lock = file.resolveSibling(file.getFileName() + ".lock");
		Files.deleteIfExists(lock);
		NamedPipes.create(lock);
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		ClientSecretCredential second = credential(UnaryOperator.identity());
		assertThat(second.getToken(SCOPE).block(SAFETY_NET).token()).isEqualTo("tok-2");
		second.close();
	}

	@Test
	void plaintextStorageInADirectoryOthersCanWriteToFailsTheBuild() throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		try {
			assertThatIllegalArgumentException().isThrownBy(
					() -> credential((builder) -> builder.cachePersistenceOptions(TokenCachePersistenceOptions.builder()
						.directory(this.directory)
						.allowUnencryptedStorage(true)
						.build())))
				.withMessageContaining("refused for plaintext storage");
		}
		finally {
			Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
		}
	}

	private Path onlyCacheFile() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".nocae"))
				.collect(Collectors.collectingAndThen(Collectors.toList(), (list) -> {
					assertThat(list).hasSize(1);
					return list.get(0);
				}));
		}
	}

	private static String tokenThenClose(ClientSecretCredential credential) {
		String token = token(credential);
		// Tokens are persisted in the background; closing lets the write land
		credential.close();
		return token;
	}

	private String log(int index) {
		try {
			return Files.readString(this.directory.resolve(((index == 0) ? "first" : "second") + ".log"));
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

	private ClientSecretCredential credential(UnaryOperator<ClientSecretCredential.Builder> customizer) {
		return customizer.apply(TestCredentials.builder(entra)
			.clientSecret(SECRET)
			.scheduler(this.scheduler)
			.cachePersistenceOptions(
					TokenCachePersistenceOptions.builder().directory(this.directory).encryptionKey(this.key).build()))
			.build();
	}

	private static String token(ClientSecretCredential credential) {
		return credential.getToken(SCOPE).block(SAFETY_NET).token();
	}

}
