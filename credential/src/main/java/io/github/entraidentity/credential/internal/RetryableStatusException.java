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

import io.github.entraidentity.credential.TokenTransportException;
import org.jspecify.annotations.Nullable;

/**
 * An attempt answered with a retryable status (408, 429, 500, 502, 503, 504). Internal:
 * when retries run out it becomes a {@link TokenTransportException}.
 *
 * @author Entra Identity contributors
 */
final class RetryableStatusException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final transient @Nullable Duration retryAfter;

	RetryableStatusException(int statusCode, @Nullable Duration retryAfter, String detail) {
		super("HTTP " + statusCode + ": " + detail, null, false, false);
		this.statusCode = statusCode;
		this.retryAfter = retryAfter;
	}

	int statusCode() {
		return this.statusCode;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
