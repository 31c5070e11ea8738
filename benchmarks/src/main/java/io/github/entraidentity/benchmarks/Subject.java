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

package io.github.entraidentity.benchmarks;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One library under test, configured for one client id on the shared endpoint.
 *
 * @author Entra Identity contributors
 */
interface Subject extends AutoCloseable {

	/**
	 * Return which library this is.
	 * @return the kind
	 */
	SubjectKind kind();

	/**
	 * Return the client id the subject authenticates as.
	 * @return the client id
	 */
	String clientId();

	/**
	 * Get a token and wait for it.
	 * @return the token value
	 */
	String call();

	/**
	 * Return a lazy token request, or {@code null} when the library's API is blocking.
	 * @return the request or {@code null}
	 */
	@Nullable Mono<String> callAsync();

	/**
	 * Return how many subscriptions the library itself reports as cache misses (calls
	 * that had to wait for a fetch), or -1 if it cannot tell.
	 * @return the count or -1
	 */
	default long reportedCacheMisses() {
		return -1;
	}

	@Override
	void close();

}
