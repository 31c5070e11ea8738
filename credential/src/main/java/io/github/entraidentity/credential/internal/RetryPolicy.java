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

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.CredentialDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * When and how long to wait before retrying a token request: exponential backoff with
 * jitter, honouring {@code Retry-After}, {@code retry-after-ms} and
 * {@code x-ms-retry-after-ms} up to a cap.
 *
 * @param maxRetries how many times a request is retried
 * @param baseDelay the delay before the first retry, doubled for each further one
 * @param maxDelay the largest backoff delay
 * @param maxRetryAfter the largest server-requested delay that is honoured
 * @author Entra Identity contributors
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

	static final RetryPolicy DEFAULT = new RetryPolicy(CredentialDefaults.MAX_RETRIES, CredentialDefaults.RETRY_DELAY,
			CredentialDefaults.MAX_RETRY_DELAY, CredentialDefaults.MAX_RETRY_AFTER);

	static boolean isRetryableStatus(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
	}

	boolean isRetryable(Throwable failure) {
		if (failure instanceof RetryableStatusException) {
			return true;
		}
		if (failure instanceof ClientAuthenticationException) {
			return false;
		}
		Throwable cause = TransportFailures.rootTransportCause(failure);
		// An untrusted certificate will not become trusted by trying again.
		return !(cause instanceof SSLException) && (cause instanceof IOException || cause instanceof TimeoutException
				|| cause instanceof ConnectException || cause instanceof UnknownHostException);
	}

	/**
	 * Return how long to wait before the given retry.
	 * @param retry the zero-based index of the retry
	 * @param failure the failure that triggered it
	 * @return the delay
	 */
	Duration delayBefore(long retry, Throwable failure) {
		if (failure instanceof RetryableStatusException status && status.retryAfter() != null) {
			Duration requested = status.retryAfter();
			return (requested.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : requested;
		}
		long base = this.baseDelay.toMillis() << Math.min(retry, 20);
		double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
		long delay = Math.min((long) (base * jitter), this.maxDelay.toMillis());
		return Duration.ofMillis(delay);
	}

	/**
	 * Read the server's requested delay from the headers Azure services use.
	 * @param headers the response headers
	 * @param nowMillis the current time, for HTTP-date values
	 * @return the delay or {@code null} when none was given or it could not be read
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers, long nowMillis) {
		for (String name : new String[] { "retry-after-ms", "x-ms-retry-after-ms" }) {
			String value = headers.getFirst(name);
			if (value != null) {
				try {
					return Duration.ofMillis(Math.max(0, Long.parseLong(value.strip())));
				}
				catch (NumberFormatException ex) {
					// fall through to the next header
				}
			}
		}
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				long when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
					.toInstant()
					.toEpochMilli();
				return Duration.ofMillis(Math.max(0, when - nowMillis));
			}
			catch (DateTimeParseException ex2) {
				return null;
			}
		}
	}

}
