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

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A secret file whose read hangs (a stalled network mount): callers wait at most the
 * timeout, on the credential's clock, get the secret read last, and never run the read on
 * their own thread.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class BoundedFileReaderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final CountDownLatch released = new CountDownLatch(1);

	private final AtomicBoolean hang = new AtomicBoolean();

	private final List<Thread> readers = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void releaseHungRead() {
		this.released.countDown();
	}

	@Test
	void hungReadYieldsTheLastSecretAfterTheTimeoutAndLaterCallersFailFast() throws Exception {
		Path file = Files.writeString(this.directory.resolve("client-secret"), "first-secret");
		BoundedFileReader reader = new BoundedFileReader(file, BoundedFileReader.SECRET_MAX_BYTES, TIMEOUT,
				(path, maxBytes) -> {
					this.readers.add(Thread.currentThread());
					if (this.hang.get()) {
						awaitRelease();
					}
					return BoundedFileReader.read(path, maxBytes);
				});
		FileClientSecret secret = new FileClientSecret(reader);
		assertThat(secret.read(false, this.clock).block(Duration.ofSeconds(10))).isEqualTo("first-secret");
		// The first read's worker frees its slot just after its caller was answered
		await().atMost(Duration.ofSeconds(10)).until(reader::isIdle);
		this.hang.set(true);
		Files.writeString(file, "second-secret-that-never-arrives");
		// Subscribing returns at once, as an event loop needs: the read runs on the
		// worker
		StepVerifier.create(secret.read(false, this.clock))
			// The worker may start the read a little after the subscription: end the
			// caller's time limit only once the read is really hanging
			.then(() -> await().atMost(Duration.ofSeconds(10)).until(() -> this.readers.size() == 2))
			.then(() -> this.clock.advanceTimeBy(TIMEOUT.minusMillis(1)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.clock.advanceTimeBy(Duration.ofMillis(1)))
			.expectNext("first-secret")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		// The read is still stuck: callers no longer wait for it
		StepVerifier.create(secret.read(false, this.clock))
			.expectNext("first-secret")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.readers).hasSize(2)
			.allSatisfy((thread) -> assertThat(thread.getName()).isEqualTo("entra-identity-file-reader"));
		this.released.countDown();
		this.hang.set(false);
		awaitIdle(secret);
		assertThat(secret.read(false, this.clock).block(Duration.ofSeconds(10)))
			.isEqualTo("second-secret-that-never-arrives");
	}

	private void awaitRelease() throws InterruptedIOException {
		try {
			this.released.await();
		}
		catch (InterruptedException ex) {
			throw new InterruptedIOException();
		}
	}

	private void awaitIdle(FileClientSecret secret) throws InterruptedException {
		// The released read finishes on its worker; until then later reads fail fast
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			String value = secret.read(false, this.clock).block(Duration.ofSeconds(10));
			if (!"first-secret".equals(value)) {
				return;
			}
			Thread.onSpinWait();
		}
	}

}
