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

package io.github.entraidentity.health;

import io.github.entraidentity.redis.RedisTokenStore;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Shows whether the Redis token cache (L2) answers, as a detail. Always {@code UP}: the
 * credential serves tokens without Redis, so an outage is no reason to take the
 * application out of service.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class RedisTokenStoreHealthIndicator extends AbstractReactiveHealthIndicator {

	private final RedisTokenStore store;

	/**
	 * Create an indicator for the store.
	 * @param store the store
	 */
	public RedisTokenStoreHealthIndicator(RedisTokenStore store) {
		super("Redis token cache health check failed");
		this.store = store;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("l2", this.store.isAvailable() ? "available" : "unavailable");
		String error = this.store.lastError();
		if (error != null) {
			builder.withDetail("error", error);
		}
		return Mono.just(builder.build());
	}

}
