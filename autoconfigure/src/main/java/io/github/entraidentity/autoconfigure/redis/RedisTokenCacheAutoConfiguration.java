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

import java.util.Base64;

import io.github.entraidentity.autoconfigure.CredentialBuilderCustomizer;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.health.RedisTokenStoreHealthIndicator;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.redis.RedisTokenStoreMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Shares the credential's tokens with the other instances of a fleet through Redis when
 * {@code identity.cache.redis.enabled=true}, on Spring Boot's Redis connection
 * ({@code spring.data.redis.*}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = IdentityAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, RedisTokenStore.class })
@ConditionalOnBooleanProperty("identity.cache.redis.enabled")
@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
@EnableConfigurationProperties(RedisTokenCacheProperties.class)
public final class RedisTokenCacheAutoConfiguration {

	private static final String KEY_PROPERTY = "identity.cache.redis.encryption-key";

	@Bean
	@ConditionalOnMissingBean
	RedisTokenStore redisTokenStore(ReactiveRedisConnectionFactory connectionFactory,
			RedisTokenCacheProperties properties) {
		RedisTokenStore.Builder builder = RedisTokenStore.builder(connectionFactory)
			.keyPrefix(properties.getKeyPrefix())
			.timeout(properties.getTimeout())
			.lockLease(properties.getLockLease());
		String key = properties.getEncryptionKey();
		if (key == null || key.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(KEY_PROPERTY, "(unset)",
					"The Redis token cache needs the fleet's 32-byte AES-256 key. Set " + KEY_PROPERTY
							+ " to the same base64 key on every instance (for example the output of"
							+ " 'openssl rand -base64 32', from a secret store).");
		}
		try {
			builder.encryptionKey(Base64.getDecoder().decode(key.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(KEY_PROPERTY, "***",
					"Not base64. Set it to the base64 form of a 32-byte key (for example the output of"
							+ " 'openssl rand -base64 32').");
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			// The library's rule, translated to the property (the value is never echoed)
			String message = ex.getMessage();
			String property = message.startsWith("encryptionKey") ? KEY_PROPERTY : message.startsWith("timeout")
					? "identity.cache.redis.timeout" : "identity.cache.redis.lock-lease";
			throw new InvalidConfigurationPropertyValueException(property, "***", message);
		}
	}

	@Bean
	CredentialBuilderCustomizer redisTokenStoreCustomizer(RedisTokenStore store) {
		// Every credential type shares its tokens, not only client secrets
		return (credentialName, builder) -> builder.sharedTokenStore(store);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterRegistry.class, RedisTokenStoreMetrics.class })
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisTokenStoreMetrics redisTokenStoreMetrics(RedisTokenStore store) {
			return new RedisTokenStoreMetrics(store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("identityRedisCache")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "identityRedisCacheHealthIndicator")
		RedisTokenStoreHealthIndicator identityRedisCacheHealthIndicator(RedisTokenStore store) {
			return new RedisTokenStoreHealthIndicator(store);
		}

	}

}
