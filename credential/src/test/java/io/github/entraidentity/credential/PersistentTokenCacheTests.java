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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
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
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(token(credential((builder) -> builder.clientId("client-2")))).isEqualTo("tok-2");
		assertThat(token(credential((builder) -> builder.cachePersistenceOptions(TokenCachePersistenceOptions.builder()
			.name("other")
			.directory(this.directory)
			.encryptionKey(this.key)
			.build())))).isEqualTo("tok-2");
		assertThat(entra.getAllServeEvents()).hasSize(3);
	}

	@Test
	void storedTokenInsideItsRefreshWindowIsRefreshedBeforeUse() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-2");
		entra.resetRequests();
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("tok-2");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void cacheFileHoldsNeitherTheTokenNorTheSecret() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("eyJhbGciOi.payload.sig", 3600)));
		assertThat(token(credential(UnaryOperator.identity()))).isEqualTo("eyJhbGciOi.payload.sig");
		String file = Files.readString(this.directory.resolve("msal.cache.nocae"), StandardCharsets.ISO_8859_1);
		assertThat(file).doesNotContain("eyJhbGciOi").doesNotContain(SECRET).doesNotContain("client-1");
	}

	@Test
	void unencryptedCacheFileHoldsTheTokenButNeverTheSecret() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		UnaryOperator<ClientSecretCredential.Builder> plaintext = (builder) -> builder.cachePersistenceOptions(
				TokenCachePersistenceOptions.builder().directory(this.directory).allowUnencryptedStorage(true).build());
		assertThat(token(credential(plaintext))).isEqualTo("tok-1");
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
		String host = Authority.parse(entra.getRuntimeInfo().getHttpsBaseUrl()).host();
		long expiresOn = this.scheduler.now(TimeUnit.MILLISECONDS) + 3_600_000;
		int tokensPerProcess = 20;
		List<Process> processes = new ArrayList<>();
		for (String prefix : List.of("first", "second")) {
			processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), CacheWritingProcess.class.getName(),
					this.directory.toString(), TokenCachePersistenceOptions.DEFAULT_NAME,
					Base64.getEncoder().encodeToString(this.key), host, "client-1", "tenant-1", prefix,
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
