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

package io.github.entraidentity.credential.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.NamedPipes;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store I/O that hangs (a FIFO that no one writes to, standing in for a stalled network
 * home directory) holds up neither readers nor the callers whose token is being
 * persisted.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
@ExtendWith(LogCaptureExtension.class)
class BoundedTokenStoreTests {

	private static final long NOW = Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();

	private static final TokenKey KEY = new TokenKey("tenant-1", Set.of("api://x/.default"), false);

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	@TempDir
	Path directory;

	@Test
	void readThatHangsIsAMissAndLaterReadsDoNotWaitForIt(LogCapture output) throws Exception {
		Path fifo = NamedPipes.create(this.directory.resolve("stalled"));
		TokenStore store = new BoundedTokenStore(new FifoStore(fifo), TIMEOUT);
		try {
			assertThat(store.load(KEY, NOW)).isNull();
			assertThat(store.load(KEY, NOW)).isNull();
			assertThat(output.text().lines().filter((line) -> line.contains(" WARN "))).singleElement()
				.asString()
				.contains("is not answering (a read took longer than 300 ms)");
		}
		finally {
			release(fifo);
		}
	}

	@Test
	void saveReturnsBeforeTheTokenIsPersisted() throws Exception {
		CountDownLatch persist = new CountDownLatch(1);
		List<String> saved = new CopyOnWriteArrayList<>();
		TokenStore slow = new TokenStore() {

			@Override
			public @Nullable CachedToken load(TokenKey key, long nowMillis) {
				return null;
			}

			@Override
			public void save(TokenKey key, CachedToken token, long nowMillis) {
				await(persist);
				saved.add(token.token().token());
			}

		};
		TokenStore store = new BoundedTokenStore(slow, TIMEOUT);
		store.save(KEY, token("tok-1"), NOW);
		assertThat(saved).isEmpty();
		persist.countDown();
		store.close();
		assertThat(saved).containsExactly("tok-1");
	}

	@Test
	void closeLetsQueuedWritesFinish() {
		List<String> saved = new CopyOnWriteArrayList<>();
		TokenStore recording = new TokenStore() {

			@Override
			public @Nullable CachedToken load(TokenKey key, long nowMillis) {
				return null;
			}

			@Override
			public void save(TokenKey key, CachedToken token, long nowMillis) {
				saved.add(token.token().token());
			}

		};
		TokenStore store = new BoundedTokenStore(recording, Duration.ofSeconds(10));
		for (int i = 0; i < 20; i++) {
			store.save(KEY, token("tok-" + i), NOW);
		}
		store.close();
		assertThat(saved).hasSize(20);
	}

	private static CachedToken token(String token) {
		return CachedToken.of(new AccessToken(token, Instant.ofEpochMilli(NOW + 3_600_000), "Bearer", null), NOW,
				300_000);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Opening the FIFO for writing lets the reader that hangs on it see end-of-file, so
	 * its thread ends with the test.
	 */
	private static void release(Path fifo) throws IOException {
		try (FileOutputStream writer = new FileOutputStream(fifo.toFile())) {
			writer.flush();
		}
	}

	/**
	 * A store whose reads open a FIFO, which blocks until someone opens it for writing.
	 */
	private record FifoStore(Path fifo) implements TokenStore {

		@Override
		public @Nullable CachedToken load(TokenKey key, long nowMillis) {
			try {
				Files.readAllBytes(this.fifo);
				return null;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void save(TokenKey key, CachedToken token, long nowMillis) {
		}

	}

}
