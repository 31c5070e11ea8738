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

package io.github.entraidentity.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.autoconfigure.TokenWebClientFactory.TokenWebClient;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DeferredTokenWebClient}.
 *
 * @author Entra Identity contributors
 */
class DeferredTokenWebClientTests {

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final DeferredTokenWebClient client = new DeferredTokenWebClient(() -> {
		this.created.incrementAndGet();
		return new TokenWebClient(WebClient.create(), this.closed::incrementAndGet);
	});

	@Test
	void createsTheClientOnFirstUseOnly() {
		assertThat(this.created).hasValue(0);
		this.client.post();
		this.client.get();
		assertThat(this.created).hasValue(1);
		assertThat(this.client.isCreated()).isTrue();
	}

	@Test
	void concurrentFirstCallersCreateOneClient() throws Exception {
		int callers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			Future<?>[] calls = new Future<?>[callers];
			for (int i = 0; i < callers; i++) {
				calls[i] = executor.submit(() -> {
					start.await();
					return this.client.post();
				});
			}
			start.countDown();
			for (Future<?> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS)).isNotNull();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.created).hasValue(1);
	}

	@Test
	void closingAnUnusedClientCreatesNothingAndRefusesLaterUse() throws Exception {
		this.client.close();
		assertThat(this.created).hasValue(0);
		assertThat(this.closed).hasValue(0);
		assertThatIllegalStateException().isThrownBy(this.client::post).withMessageContaining("closed");
		assertThat(this.created).hasValue(0);
	}

	@Test
	void closingAUsedClientClosesItsResources() throws Exception {
		this.client.post();
		this.client.close();
		assertThat(this.closed).hasValue(1);
	}

}
