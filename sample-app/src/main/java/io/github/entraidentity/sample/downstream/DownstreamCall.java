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

package io.github.entraidentity.sample.downstream;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of one downstream API call; never contains a token.
 *
 * @param startedAt when the call started
 * @param url the URL called, or {@code null} when only a token was requested
 * @param status the HTTP status, or {@code 0} when no response arrived
 * @param body the response body (shortened) or the failure message
 * @param duration how long the call took
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record DownstreamCall(Instant startedAt, @Nullable String url, int status, String body, Duration duration) {

	/**
	 * Return whether the call got a 2xx answer, or the token when no API is configured.
	 * @return whether the call succeeded
	 */
	public boolean succeeded() {
		return this.status >= 200 && this.status < 300;
	}

}
