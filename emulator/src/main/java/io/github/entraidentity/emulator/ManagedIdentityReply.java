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

package io.github.entraidentity.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link ManagedIdentityEmulator} answers a token request when a test scripts it:
 * a token, one of the failures managed identity endpoints really give, or a slow token.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ManagedIdentityReply {

	private final int status;

	private final String body;

	private final Duration retryAfter;

	private final Duration delay;

	private ManagedIdentityReply(int status, String body, Duration retryAfter, Duration delay) {
		this.status = status;
		this.body = body;
		this.retryAfter = retryAfter;
		this.delay = delay;
	}

	/**
	 * Answer with a token, as without a script.
	 * @return the reply
	 */
	public static ManagedIdentityReply token() {
		return new ManagedIdentityReply(200, "", Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Answer with a token after the given time: a slow endpoint.
	 * @param delay how long to wait before answering
	 * @return the reply
	 */
	public static ManagedIdentityReply slow(Duration delay) {
		return new ManagedIdentityReply(200, "", Duration.ZERO,
				Objects.requireNonNull(delay, "delay must not be null"));
	}

	/**
	 * Answer 410, as IMDS does while its host is updated.
	 * @return the reply
	 */
	public static ManagedIdentityReply gone() {
		return new ManagedIdentityReply(410, "{\"error\":\"gone\",\"error_description\":\"IMDS is being updated\"}",
				Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Answer 429 with a {@code Retry-After} of the given whole seconds.
	 * @param retryAfter the delay the client is asked to wait
	 * @return the reply
	 */
	public static ManagedIdentityReply throttled(Duration retryAfter) {
		return new ManagedIdentityReply(429, "{\"error\":\"too_many_requests\"}",
				Objects.requireNonNull(retryAfter, "retryAfter must not be null"), Duration.ZERO);
	}

	/**
	 * Answer 500.
	 * @return the reply
	 */
	public static ManagedIdentityReply serverError() {
		return new ManagedIdentityReply(500, "{\"error\":\"internal_error\"}", Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Answer 400 as both endpoints do for an identity the resource does not have.
	 * @return the reply
	 */
	public static ManagedIdentityReply unknownIdentity() {
		return new ManagedIdentityReply(400,
				"{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}", Duration.ZERO,
				Duration.ZERO);
	}

	int status() {
		return this.status;
	}

	String body() {
		return this.body;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	Duration delay() {
		return this.delay;
	}

	@Override
	public String toString() {
		return "ManagedIdentityReply[status=" + this.status + ", delay=" + this.delay + "]";
	}

}
