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
package io.github.entraidentity.sample;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ThreadsOnTimeout}.
 *
 * @author Entra Identity contributors
 */
class ThreadsOnTimeoutTests {

	private final ThreadsOnTimeout handler = new ThreadsOnTimeout();

	@Test
	void aTimeoutFailsWithWhereEveryThreadWas() {
		IllegalStateException timeout = new IllegalStateException("Timeout on blocking read",
				new TimeoutException("30 s"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.handler.handleTestExecutionException(null, timeout))
			.withMessageContaining("the threads then")
			.withMessageContaining("\"" + Thread.currentThread().getName() + "\"")
			.withCause(timeout);
	}

	@Test
	void anyOtherFailureIsLeftAsItIs() {
		AssertionError failure = new AssertionError("expected 200");
		assertThatThrownBy(() -> this.handler.handleTestExecutionException(null, failure)).isSameAs(failure);
	}

}
