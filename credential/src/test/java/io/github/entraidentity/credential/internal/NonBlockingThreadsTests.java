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

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor's non-blocking threads are told apart from blocking ones whichever thread class
 * was seen before.
 *
 * @author Entra Identity contributors
 */
class NonBlockingThreadsTests {

	@Test
	void tellsNonBlockingThreadsApartAfterABlockingThreadClassWasRemembered() {
		assertThat(NonBlockingThreads.isNonBlocking(Thread.currentThread())).isFalse();
		assertThat(NonBlockingThreads.isNonBlocking(Thread.currentThread())).isFalse();
		assertThat(onParallelThread()).isTrue();
		assertThat(onParallelThread()).isTrue();
		assertThat(NonBlockingThreads.isNonBlocking(Thread.currentThread())).isFalse();
		assertThat(NonBlockingThreads.isNonBlocking(new Thread(() -> {
		}))).isFalse();
	}

	private static Boolean onParallelThread() {
		return Mono.fromCallable(() -> NonBlockingThreads.isNonBlocking(Thread.currentThread()))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(10));
	}

}
