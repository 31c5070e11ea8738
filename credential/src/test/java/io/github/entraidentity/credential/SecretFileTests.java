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

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.testsupport.ClientSecretStubs;
import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.NamedPipes;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.entraidentity.testsupport.ClientSecretStubs.NEW_SECRET;
import static io.github.entraidentity.testsupport.ClientSecretStubs.OLD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a client secret file can turn into after the credential was built, and what the
 * credential does about it: it reads only a regular file of a few KiB, on a thread of its
 * own, and keeps the secret it read last until the file holds one again.
 *
 * @author Entra Identity contributors
 */
@Timeout(60)
class SecretFileTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	private LogCapture logs;

	private Path fifo;

	@BeforeEach
	void acceptTheOldSecret() {
		this.logs = LogCapture.atTrace();
		ClientSecretStubs.rejectUnknown(entra, TestCredentials.TOKEN_PATH);
		ClientSecretStubs.accept(entra, TestCredentials.TOKEN_PATH, OLD_SECRET);
	}

	@AfterEach
	void releaseFifoReaders() throws Exception {
		this.logs.close();
		if (this.fifo != null) {
			// Opened for reading and writing, a FIFO opens at once and lets a reader that
			// is stuck opening it go (only the unbounded reads of the past get stuck)
			try (FileChannel channel = FileChannel.open(this.fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
				// nothing to write: closing ends the reader's read
			}
		}
		assertThat(this.logs.text()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
	}

	@Test
	void secretFileSwappedForAFifoKeepsTheLastSecretAndHoldsUpNoFetch() throws Exception {
		Path file = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET);
		ClientSecretCredential credential = credential(file);
		assertThat(token(credential, "api://before/.default")).isEqualTo("tok-" + OLD_SECRET);
		Files.delete(file);
		this.fifo = NamedPipes.create(file);
		assertThat(token(credential, "api://fifo/.default")).isEqualTo("tok-" + OLD_SECRET);
		assertThat(token(credential, "api://fifo-again/.default")).isEqualTo("tok-" + OLD_SECRET);
		assertThat(this.logs.text()).containsOnlyOnce("is not a regular file");
	}

	@Test
	void hugeSparseFileOrDevZeroAtTheSecretsPathIsNotRead() throws Exception {
		Path file = Files.writeString(this.directory.resolve("client-secret"), OLD_SECRET);
		ClientSecretCredential credential = credential(file);
		assertThat(token(credential, "api://before/.default")).isEqualTo("tok-" + OLD_SECRET);
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(3L * 1024 * 1024 * 1024);
		}
		assertThat(token(credential, "api://sparse/.default")).isEqualTo("tok-" + OLD_SECRET);
		assertThat(this.logs.text()).contains("larger than 16384 bytes");
		Files.delete(file);
		Files.createSymbolicLink(file, Path.of("/dev/zero"));
		assertThat(token(credential, "api://dev-zero/.default")).isEqualTo("tok-" + OLD_SECRET);
		Files.delete(file);
		Files.writeString(file, NEW_SECRET);
		ClientSecretStubs.accept(entra, TestCredentials.TOKEN_PATH, NEW_SECRET);
		assertThat(token(credential, "api://after/.default")).isEqualTo("tok-" + NEW_SECRET);
		assertThat(this.logs.text()).contains("is readable again");
	}

	@Test
	void kubernetesSymlinkSwapIsStillPickedUpAndReadableSecretsAreWarnedOnce() throws Exception {
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, OLD_SECRET);
		Files.setPosixFilePermissions(volume.file(), PosixFilePermissions.fromString("rw-r--r--"));
		ClientSecretCredential credential = credential(volume.file());
		assertThat(token(credential, "api://before/.default")).isEqualTo("tok-" + OLD_SECRET);
		ClientSecretStubs.accept(entra, TestCredentials.TOKEN_PATH, NEW_SECRET);
		volume.swap(NEW_SECRET);
		assertThat(token(credential, "api://after/.default")).isEqualTo("tok-" + NEW_SECRET);
		assertThat(this.logs.text()).containsOnlyOnce("is readable by other users (permissions rw-r--r--)");
	}

	@Test
	void customSourceFailureReachesCallersAndLogsByItsTypeOnly() {
		AtomicInteger reads = new AtomicInteger();
		ClientSecretSource vault = () -> {
			if (reads.incrementAndGet() > 1) {
				throw new IllegalStateException("vault cache holds " + NEW_SECRET);
			}
			return OLD_SECRET;
		};
		ClientSecretCredential credential = ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.environment(Map.of())
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.clientSecretSources(List.of(vault))
			.build();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> credential.getToken("api://vault/.default").block(WAIT))
			.withMessageContaining("failed with java.lang.IllegalStateException")
			.satisfies((ex) -> assertThat(ex).hasNoCause().hasMessageNotContaining(NEW_SECRET));
		assertThat(credential.lastFetch().failure()).hasMessageNotContaining(NEW_SECRET);
	}

	// Preemptive: a read that blocks the subscribing thread must fail the test, not hang
	// it
	private static String token(ClientSecretCredential credential, String scope) {
		return assertTimeoutPreemptively(WAIT, () -> credential.getToken(scope).block(WAIT).token());
	}

	private static ClientSecretCredential credential(Path secretFile) {
		return ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.environment(Map.of())
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.clientSecretFile(secretFile)
			.build();
	}

}
