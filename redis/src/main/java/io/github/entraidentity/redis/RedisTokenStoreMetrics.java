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

package io.github.entraidentity.redis;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the counters of a {@link RedisTokenStore} as {@code identity.token.cache.shared}
 * with a {@code result} tag: {@code hit}, {@code miss}, {@code lock-wait}, {@code error}
 * and {@code rejected} (an entry that did not decrypt).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class RedisTokenStoreMetrics implements MeterBinder {

	/**
	 * Name of the counter.
	 */
	public static final String NAME = "identity.token.cache.shared";

	private final RedisTokenStore store;

	/**
	 * Create a binder for the store.
	 * @param store the store
	 */
	public RedisTokenStoreMetrics(RedisTokenStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "hit", RedisTokenStore::hits);
		counter(registry, "miss", RedisTokenStore::misses);
		counter(registry, "lock-wait", RedisTokenStore::lockWaits);
		counter(registry, "error", RedisTokenStore::errors);
		counter(registry, "rejected", RedisTokenStore::rejected);
	}

	private void counter(MeterRegistry registry, String result, ToDoubleFunction<RedisTokenStore> count) {
		FunctionCounter.builder(NAME, this.store, count)
			.tag("store", "redis")
			.tag("result", result)
			.description("Reads, lock waits and errors of the shared (L2) token cache")
			.register(registry);
	}

}
