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

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link SharedTokenStore} on Redis through Spring Data Redis's reactive API, so that a
 * fleet of credentials makes one token request per key and refresh instead of one per
 * instance.
 * <ul>
 * <li>Entries live under {@code <prefix>token:<key fingerprint>:<entry name>},
 * AES-256-GCM encrypted with the Redis key as associated data (see
 * {@code RedisEntryCipher}), with a TTL no longer than the token's life. The fingerprint
 * and the entry name are keyed hashes (sub-keys of the encryption key), so reading Redis
 * tells nothing about clients, tenants or scopes. Only tokens are stored, never the
 * client secret; an entry that does not decrypt (tampered, copied from another key,
 * written with another encryption key) is ignored, and one longer than any token could
 * make is not even sent by Redis.</li>
 * <li>A write replaces the entry only with a token that lives longer (a script compares
 * the remaining lives, which are the tokens' expiries), so a late writer never replaces a
 * newer token with an older one.</li>
 * <li>The fetch lock is {@code <prefix>lock:...}, set to an id of the acquisition with a
 * lease, released only by that acquisition. A lock without expiry or with a longer one
 * than the lease was not set by a credential and is taken over.</li>
 * <li>Every call is bounded by a timeout and starts on the store's own thread, never on
 * the caller's: Spring Data Redis connects synchronously when a call starts, and a Redis
 * that accepts connections without answering would otherwise hold the caller's thread (an
 * event loop) for the connect timeout. Failures make the credential carry on with its
 * in-memory cache and direct fetches: one WARN per outage, then for a short pause no
 * calls at all, then a probe; the connection reconnects by itself.</li>
 * </ul>
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class RedisTokenStore implements SharedTokenStore {

	/**
	 * Default bound for one Redis call.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	/**
	 * Default lease of the fetch lock.
	 */
	public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(10);

	/**
	 * Default key prefix.
	 */
	public static final String DEFAULT_KEY_PREFIX = "entra-identity:";

	private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);

	private static final Duration CONNECTOR_IDLE = Duration.ofSeconds(60);

	private static final Log logger = LogFactory.getLog(RedisTokenStore.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	/**
	 * Take the lock, or take over one that no credential set: without expiry or with one
	 * beyond the lease (ARGV: owner, lease in ms).
	 */
	private static final RedisScript<Long> LOCK = RedisScript.of("""
			if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			local ttl = redis.call('pttl', KEYS[1])
			if ttl == -1 or ttl > tonumber(ARGV[2]) then
				redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
				return 1
			end
			return 0
			""", Long.class);

	/**
	 * Read the entry unless it is larger than any entry can be, without sending it (ARGV:
	 * the largest size); an empty string stands for a value refused.
	 */
	private static final RedisScript<String> READ = RedisScript.of("""
			local kind = redis.call('type', KEYS[1])['ok']
			if kind == 'none' then return false end
			if kind ~= 'string' or redis.call('strlen', KEYS[1]) > tonumber(ARGV[1]) then return '' end
			return redis.call('get', KEYS[1])
			""", String.class);

	/**
	 * Write the entry unless the stored one lives at least as long (ARGV: entry, TTL in
	 * ms). An entry's TTL is its token's remaining life, so this compares expiries.
	 */
	private static final RedisScript<Long> WRITE = RedisScript.of("""
			if redis.call('pttl', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
			redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisEntryCipher cipher;

	private final String keyPrefix;

	private final Duration timeout;

	private final Duration lockLease;

	private final Clock clock;

	private final Scheduler connector = Schedulers.fromExecutorService(connectorThread(), "entra-identity-redis");

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile long pausedUntilMillis;

	private volatile @Nullable String lastError;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private final AtomicLong lockWaits = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private RedisTokenStore(Builder builder, byte[] key) {
		this.redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
		this.cipher = new RedisEntryCipher(key);
		this.keyPrefix = builder.keyPrefix;
		this.timeout = builder.timeout;
		this.lockLease = builder.lockLease;
		this.clock = builder.clock;
	}

	/**
	 * Return a new builder.
	 * @param connectionFactory the Redis connection, for example Spring Boot's
	 * @return the builder
	 */
	public static Builder builder(ReactiveRedisConnectionFactory connectionFactory) {
		return new Builder(connectionFactory);
	}

	@Override
	public Mono<SharedToken> read(SharedTokenKey key) {
		String redisKey = entryKey(key);
		return call(() -> this.redis
			.execute(READ, List.of(redisKey), List.of(String.valueOf(RedisEntryCipher.MAX_ENTRY_CHARS)))
			.next()).flatMap((value) -> {
				SharedToken token = value.isEmpty() ? null : this.cipher.decrypt(redisKey, value);
				if (token == null) {
					this.rejected.incrementAndGet();
					logger.warn("Ignored the Redis token cache entry " + redisKey + ": " + (value.isEmpty()
							? "larger than any token (" + RedisEntryCipher.MAX_ENTRY_CHARS
									+ " characters) or not a string, so not read"
							: "it does not decrypt with this key (tampered, moved, or written with another key)"));
					return Mono.empty();
				}
				return Mono.just(token);
			})
			.doOnNext((token) -> this.hits.incrementAndGet())
			.switchIfEmpty(Mono.<SharedToken>fromRunnable(this.misses::incrementAndGet));
	}

	@Override
	public Mono<Void> write(SharedTokenKey key, SharedToken token) {
		return Mono.defer(() -> {
			long ttlMillis = token.token().expiresOn().toEpochMilli() - this.clock.millis();
			if (ttlMillis <= 0) {
				return Mono.empty();
			}
			String redisKey = entryKey(key);
			// Encrypted here, not within the call's timeout: the cipher neither blocks
			// nor
			// waits for Redis
			String entry = this.cipher.encrypt(redisKey, token);
			return call(() -> this.redis.execute(WRITE, List.of(redisKey), List.of(entry, String.valueOf(ttlMillis)))
				.next()).then();
		});
	}

	@Override
	public Mono<Boolean> tryLock(SharedTokenKey key, String owner) {
		return call(() -> this.redis
			.execute(LOCK, List.of(lockKey(key)), List.of(owner, String.valueOf(this.lockLease.toMillis())))
			.next()).map((acquired) -> acquired == 1).doOnNext((acquired) -> {
				if (!acquired) {
					this.lockWaits.incrementAndGet();
				}
			});
	}

	@Override
	public Mono<Void> unlock(SharedTokenKey key, String owner) {
		return call(() -> this.redis.execute(RELEASE, List.of(lockKey(key)), List.of(owner)).next()).then();
	}

	@Override
	public Duration lockLease() {
		return this.lockLease;
	}

	/**
	 * Bound a call, and turn failures into one WARN per outage and a short pause without
	 * calls, so that a Redis that is down costs the callers nothing after the first
	 * timeout.
	 */
	private <T> Mono<T> call(Supplier<Mono<T>> command) {
		return Mono.defer(() -> {
			if (this.clock.millis() < this.pausedUntilMillis) {
				return Mono.<T>empty();
			}
			// Spring Data Redis connects when a command is subscribed, synchronously and
			// under a lock: subscribing on the store's own thread keeps the caller's
			// thread, which may be an event loop every credential shares, from ever
			// waiting for a Redis that does not answer. A connection that fails after
			// the timeout fails the call once, not twice.
			AtomicBoolean settled = new AtomicBoolean();
			return Mono.defer(command).onErrorResume((ex) -> {
				if (settled.compareAndSet(false, true)) {
					failed(ex);
				}
				return Mono.empty();
			}).subscribeOn(this.connector).timeout(this.timeout).doOnSuccess((result) -> {
				if (settled.compareAndSet(false, true)) {
					recovered();
				}
			}).onErrorResume((ex) -> {
				if (settled.compareAndSet(false, true)) {
					failed(ex);
				}
				return Mono.empty();
			});
		});
	}

	/**
	 * One thread that may block while Redis connects, so that calls queue behind one
	 * connection attempt instead of holding a thread each; it ends when idle, so a store
	 * needs no closing.
	 */
	private static ScheduledExecutorService connectorThread() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "entra-identity-redis-connect");
			thread.setDaemon(true);
			return thread;
		});
		executor.setKeepAliveTime(CONNECTOR_IDLE.toMillis(), TimeUnit.MILLISECONDS);
		executor.allowCoreThreadTimeOut(true);
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	private void failed(Throwable ex) {
		this.errors.incrementAndGet();
		this.pausedUntilMillis = this.clock.millis() + OUTAGE_PAUSE.toMillis();
		String reason = (ex instanceof java.util.concurrent.TimeoutException)
				? "no answer within " + this.timeout.toMillis() + " ms"
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		this.lastError = reason;
		if (this.down.compareAndSet(false, true)) {
			logger.warn("The Redis token cache is unavailable (" + reason
					+ "); tokens are served from memory and fetched from Microsoft Entra ID until it answers again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("The Redis token cache is still unavailable (" + reason + ")");
		}
	}

	private void recovered() {
		if (this.down.compareAndSet(true, false)) {
			this.lastError = null;
			logger.info("The Redis token cache answers again; tokens are shared through it");
		}
	}

	String entryKey(SharedTokenKey key) {
		return this.keyPrefix + "token:" + this.cipher.fingerprint() + ":" + this.cipher.name(key.id());
	}

	String lockKey(SharedTokenKey key) {
		return this.keyPrefix + "lock:" + this.cipher.fingerprint() + ":" + this.cipher.name(key.id());
	}

	/**
	 * Return whether the last Redis call succeeded (or none has been made).
	 * @return whether Redis is available
	 */
	public boolean isAvailable() {
		return !this.down.get();
	}

	/**
	 * Return why the last Redis call failed, while Redis is unavailable.
	 * @return the reason, without any value read or written, or {@code null}
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * Return how many reads found a usable token.
	 * @return the count
	 */
	public long hits() {
		return this.hits.get();
	}

	/**
	 * Return how many reads found no usable token (including failed and ignored ones).
	 * @return the count
	 */
	public long misses() {
		return this.misses.get();
	}

	/**
	 * Return how many times the fetch lock was held by another instance, so that this one
	 * waited for its token.
	 * @return the count
	 */
	public long lockWaits() {
		return this.lockWaits.get();
	}

	/**
	 * Return how many Redis calls failed or timed out.
	 * @return the count
	 */
	public long errors() {
		return this.errors.get();
	}

	/**
	 * Return how many entries were ignored because they did not decrypt.
	 * @return the count
	 */
	public long rejected() {
		return this.rejected.get();
	}

	@Override
	public String toString() {
		return "RedisTokenStore[keyPrefix=" + this.keyPrefix + ", key=" + this.cipher.fingerprint() + "]";
	}

	/**
	 * Builder for {@link RedisTokenStore}.
	 */
	public static final class Builder {

		private final ReactiveRedisConnectionFactory connectionFactory;

		private byte @Nullable [] encryptionKey;

		private String keyPrefix = DEFAULT_KEY_PREFIX;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration lockLease = DEFAULT_LOCK_LEASE;

		private Clock clock = Clock.systemUTC();

		private Builder(ReactiveRedisConnectionFactory connectionFactory) {
			this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
		}

		/**
		 * Encrypt entries with this 32-byte AES-256 key, shared by the fleet. Required.
		 * @param key the key; copied
		 * @return this builder
		 */
		public Builder encryptionKey(byte[] key) {
			this.encryptionKey = Objects.requireNonNull(key, "encryptionKey must not be null").clone();
			return this;
		}

		/**
		 * Prefix every Redis key with this text.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
			return this;
		}

		/**
		 * Bound every Redis call by this timeout.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
			return this;
		}

		/**
		 * Let the fetch lock end by itself after this lease.
		 * @param lockLease the lease
		 * @return this builder
		 */
		public Builder lockLease(Duration lockLease) {
			this.lockLease = Objects.requireNonNull(lockLease, "lockLease must not be null");
			return this;
		}

		/**
		 * Use this clock for entry TTLs and outage pauses.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Build the store.
		 * @return the store
		 * @throws IllegalArgumentException naming the setting when the key is missing or
		 * not 32 bytes, or a duration is not positive
		 */
		public RedisTokenStore build() {
			if (this.encryptionKey == null) {
				throw new IllegalArgumentException("encryptionKey is not set: the Redis token cache needs the fleet's"
						+ " 32-byte AES-256 key (for example the output of 'openssl rand -base64 32')");
			}
			byte[] key = this.encryptionKey.clone();
			if (key.length != RedisEntryCipher.KEY_BYTES) {
				throw new IllegalArgumentException("encryptionKey has " + key.length + " bytes but must have "
						+ RedisEntryCipher.KEY_BYTES + " (AES-256); generate one with 'openssl rand -base64 32'");
			}
			if (this.timeout.isNegative() || this.timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, for example 500ms");
			}
			if (this.lockLease.isNegative() || this.lockLease.isZero()) {
				throw new IllegalArgumentException("lockLease must be positive, for example 10s");
			}
			try {
				return new RedisTokenStore(this, key);
			}
			finally {
				Arrays.fill(key, (byte) 0);
			}
		}

	}

}
