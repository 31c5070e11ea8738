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

package io.github.entraidentity.autoconfigure.redis;

import java.time.Duration;

import io.github.entraidentity.redis.RedisTokenStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the Redis token cache shared by a fleet. The connection itself comes from
 * Spring Boot's {@code spring.data.redis.*}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@ConfigurationProperties("identity.cache.redis")
public class RedisTokenCacheProperties {

	/**
	 * Whether to share tokens with the other instances of the fleet through Redis.
	 */
	private boolean enabled;

	/**
	 * Prefix of every Redis key the cache uses.
	 */
	private String keyPrefix = RedisTokenStore.DEFAULT_KEY_PREFIX;

	/**
	 * Base64 form of the 32-byte AES-256 key that encrypts the entries, the same on every
	 * instance of the fleet.
	 */
	private @Nullable String encryptionKey;

	/**
	 * Bound for each Redis call; a slower answer counts as a miss.
	 */
	private Duration timeout = RedisTokenStore.DEFAULT_TIMEOUT;

	/**
	 * How long the fetch lock lasts unless released, and so the longest the other
	 * instances wait for its holder's token before asking for the lock again.
	 */
	private Duration lockLease = RedisTokenStore.DEFAULT_LOCK_LEASE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public @Nullable String getEncryptionKey() {
		return this.encryptionKey;
	}

	public void setEncryptionKey(@Nullable String encryptionKey) {
		this.encryptionKey = encryptionKey;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getLockLease() {
		return this.lockLease;
	}

	public void setLockLease(Duration lockLease) {
		this.lockLease = lockLease;
	}

	@Override
	public String toString() {
		return "RedisTokenCacheProperties[enabled=" + this.enabled + ", keyPrefix=" + this.keyPrefix
				+ ", encryptionKey=" + ((this.encryptionKey != null) ? "***" : "unset") + "]";
	}

}
