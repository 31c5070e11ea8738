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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClaimsRequestLimitedException;
import io.github.entraidentity.credential.observation.ClaimsRequestLimit;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Bounds token requests with claims, which bypass the cache: an API that challenges every
 * call (misbehaving or compromised) would otherwise turn every call into a token request
 * and get the app registration throttled for all its scopes.
 * <ul>
 * <li>The same claims for the same key within {@link #REUSE_WINDOW} get the token they
 * produced, without a request.</li>
 * <li>Concurrent requests with the same claims share one request and count once.</li>
 * <li>At most {@link #MAX_REQUESTS_PER_WINDOW} requests per key (tenant, scope set, CAE
 * mode) per {@link #WINDOW}; beyond that the request fails with
 * {@link ClaimsRequestLimitedException}, logged at WARN once per window.</li>
 * </ul>
 * Every reuse and refusal is reported to the event listener, so metrics can count them.
 *
 * @author Entra Identity contributors
 */
public final class ClaimsRequestLimiter {

	/**
	 * How long the token produced for some claims answers the same claims again.
	 */
	public static final Duration REUSE_WINDOW = Duration.ofSeconds(30);

	/**
	 * The window the request budget applies to.
	 */
	public static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * Most token requests with claims per key and window.
	 */
	public static final int MAX_REQUESTS_PER_WINDOW = 5;

	/**
	 * Keys kept before states whose window has ended are dropped.
	 */
	private static final int PRUNE_THRESHOLD = 1000;

	private static final Log logger = LogFactory.getLog(ClaimsRequestLimiter.class);

	private final Scheduler clock;

	private final CredentialEventListener listener;

	private final ConcurrentHashMap<TokenKey, KeyState> states = new ConcurrentHashMap<>();

	ClaimsRequestLimiter(Scheduler clock, CredentialEventListener listener) {
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Return a publisher that fetches a token with claims, unless the limits say to reuse
	 * the last one or to refuse.
	 * @param key the key
	 * @param claims the claims
	 * @param fetch sends the token request (joining one in flight for the same claims)
	 * @return the token publisher
	 */
	Mono<AccessToken> request(TokenKey key, String claims, Supplier<Mono<AccessToken>> fetch) {
		return Mono.defer(() -> {
			long now = now();
			if (this.states.size() > PRUNE_THRESHOLD) {
				this.states.values().removeIf((state) -> state.isIdleAt(now));
			}
			KeyState state = this.states.computeIfAbsent(key, (k) -> new KeyState());
			synchronized (state) {
				AccessToken reusable = state.reusableFor(claims, now);
				if (reusable != null) {
					this.listener.claimsRequestLimited(ClaimsRequestLimit.REUSED);
					return Mono.just(reusable);
				}
				if (state.inFlight.contains(claims)) {
					return fetch.get();
				}
				if (!state.tryAcquire(now)) {
					this.listener.claimsRequestLimited(ClaimsRequestLimit.REFUSED);
					return Mono.error(refused(key, state));
				}
				state.inFlight.add(claims);
			}
			return fetch.get().doOnNext((token) -> {
				synchronized (state) {
					state.produced(claims, token, now());
				}
			}).doFinally((signal) -> {
				synchronized (state) {
					state.inFlight.remove(claims);
				}
			});
		});
	}

	private ClaimsRequestLimitedException refused(TokenKey key, KeyState state) {
		String message = "Not sending another token request with claims for tenant " + key.tenantId() + " and scopes "
				+ key.scopes() + ": " + MAX_REQUESTS_PER_WINDOW + " were sent in the last " + WINDOW.toSeconds()
				+ " s. An API that keeps answering with claims challenges would otherwise get the app registration"
				+ " throttled; check why it rejects the tokens it is given";
		if (!state.warned) {
			state.warned = true;
			logger.warn(message + " (logged once per " + WINDOW.toSeconds() + " s)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return new ClaimsRequestLimitedException(message);
	}

	private long now() {
		return this.clock.now(TimeUnit.MILLISECONDS);
	}

	/**
	 * Limits of one key; guarded by its own monitor.
	 */
	private static final class KeyState {

		final Set<String> inFlight = new HashSet<>();

		long windowStart = Long.MIN_VALUE;

		int requests;

		boolean warned;

		@Nullable String lastClaims;

		@Nullable AccessToken lastToken;

		long lastTokenAt;

		@Nullable AccessToken reusableFor(String claims, long now) {
			AccessToken token = this.lastToken;
			if (token == null || !claims.equals(this.lastClaims) || now - this.lastTokenAt >= REUSE_WINDOW.toMillis()
					|| now >= token.expiresOn().toEpochMilli()) {
				return null;
			}
			return token;
		}

		boolean tryAcquire(long now) {
			if (this.windowStart == Long.MIN_VALUE || now - this.windowStart >= WINDOW.toMillis()) {
				this.windowStart = now;
				this.requests = 0;
				this.warned = false;
			}
			if (this.requests >= MAX_REQUESTS_PER_WINDOW) {
				return false;
			}
			this.requests++;
			return true;
		}

		void produced(String claims, AccessToken token, long now) {
			this.lastClaims = claims;
			this.lastToken = token;
			this.lastTokenAt = now;
		}

		synchronized boolean isIdleAt(long now) {
			return this.inFlight.isEmpty() && (this.windowStart == Long.MIN_VALUE
					|| now - this.windowStart >= Math.max(WINDOW.toMillis(), REUSE_WINDOW.toMillis()));
		}

	}

}
