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

import java.time.Duration;

/**
 * Defaults of the {@link ClientSecretCredential.Builder} settings, in one place so that
 * frameworks which document them (such as the Spring Boot properties' metadata) can show
 * and test the same values.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class CredentialDefaults {

	/**
	 * Connect timeout of the credential's own HTTP client.
	 */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long one token request attempt may wait for its whole response.
	 */
	public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long one token request may take across all attempts and retry delays.
	 */
	public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * How many times a failed token request is retried.
	 */
	public static final int MAX_RETRIES = 3;

	/**
	 * Largest number of retries the builder accepts.
	 */
	public static final int MAX_RETRIES_LIMIT = 10;

	/**
	 * Delay before the first retry, doubled for each further one.
	 */
	public static final Duration RETRY_DELAY = Duration.ofMillis(800);

	/**
	 * Largest backoff delay.
	 */
	public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(8);

	/**
	 * Largest {@code Retry-After} honoured.
	 */
	public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

	/**
	 * Largest token response body read, in bytes.
	 */
	public static final int MAX_RESPONSE_BYTES = 64 * 1024;

	/**
	 * Smallest response body cap the builder accepts, in bytes.
	 */
	public static final int MIN_RESPONSE_BYTES = 1024;

	/**
	 * Largest response body cap the builder accepts, in bytes: a response is held in
	 * memory and masked before it is reported, on a shared event loop.
	 */
	public static final int MAX_RESPONSE_BYTES_LIMIT = 1024 * 1024;

	/**
	 * How long before expiry a token without a server-sent refresh time is refreshed.
	 */
	public static final Duration REFRESH_OFFSET = Duration.ofMinutes(5);

	/**
	 * Wait after a failed background refresh before the next one.
	 */
	public static final Duration REFRESH_RETRY_DELAY = Duration.ofSeconds(30);

	/**
	 * How many tokens the in-memory cache holds at most: one per tenant, scope set and
	 * claims variant in use. Enough for a multi-tenant application in 10,000 tenants with
	 * one scope each; an entry costs a few hundred bytes besides its token, and the cache
	 * only holds the keys actually used.
	 */
	public static final int MAX_CACHE_ENTRIES = 10_000;

	/**
	 * Connect timeout of a managed identity credential's own HTTP client: its endpoint is
	 * on the machine or next to it, so an app off Azure learns fast that there is none.
	 */
	public static final Duration MANAGED_IDENTITY_CONNECT_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Total timeout of a managed identity token request: longer than the 70 seconds for
	 * which IMDS may answer 410 during a host update, plus the attempt that succeeds.
	 */
	public static final Duration MANAGED_IDENTITY_TOTAL_TIMEOUT = Duration.ofSeconds(90);

	private CredentialDefaults() {
	}

	/**
	 * How long before a client certificate expires token requests start to log a warning
	 * (and the health indicator to advise a rotation).
	 */
	public static final Duration CERTIFICATE_EXPIRY_WARNING = Duration.ofDays(30);

}
