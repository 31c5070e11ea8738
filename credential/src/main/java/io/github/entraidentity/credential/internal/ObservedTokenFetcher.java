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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.DefaultTokenFetchObservationConvention;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.credential.observation.TokenFetchObservationContext;
import io.github.entraidentity.credential.observation.TokenFetchObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The step between the {@link TokenCache} and the {@link TokenSource}: sends one token
 * request for a cache miss or refresh and makes it visible, as an
 * {@code identity.token.fetch} observation, a {@link FetchOutcome} for the
 * {@link CredentialEventListener} and the credential's last outcome.
 * <p>
 * Failures are not logged here: the cache logs them once, as it alone knows whether a
 * valid token is still served, under the same category: the credential class's.
 *
 * @author Entra Identity contributors
 */
final class ObservedTokenFetcher implements TokenCache.Fetcher {

	// The credential's category, so that logging settings users already have keep working
	private final Log logger;

	private final String credentialName;

	private final TokenSource source;

	private final BooleanSupplier closed;

	private final Scheduler scheduler;

	private final CredentialEventListener eventListener;

	private final ObservationRegistry observationRegistry;

	private final @Nullable TokenFetchObservationConvention observationConvention;

	private volatile @Nullable FetchOutcome lastFetch;

	/**
	 * Create a fetcher.
	 * @param source where new tokens come from
	 * @param closed whether the credential is closed, checked before each request
	 * @param settings the credential's type, clock, listener and observation settings
	 */
	ObservedTokenFetcher(TokenSource source, BooleanSupplier closed, PipelineSettings settings) {
		this.logger = LogFactory.getLog(settings.credentialType());
		this.credentialName = settings.credentialType().getSimpleName();
		this.source = source;
		this.closed = closed;
		this.scheduler = settings.scheduler();
		this.eventListener = settings.eventListener();
		this.observationRegistry = settings.observationRegistry();
		this.observationConvention = settings.observationConvention();
	}

	@Override
	public Mono<AccessToken> fetch(TokenKey key, List<String> scopes, @Nullable String claims) {
		if (this.closed.getAsBoolean()) {
			return Mono.error(new CredentialUnavailableException(
					this.credentialName + " is closed: it can serve cached tokens but not request new ones."
							+ " Create a new credential."));
		}
		String claimsField = ClaimsRequest.formField(claims, key.cae());
		return Mono.defer(() -> {
			AtomicInteger attempts = new AtomicInteger();
			TokenFetchObservationContext context = new TokenFetchObservationContext(key.tenantId(), scopes, key.cae());
			Observation observation = Observation
				.createNotStarted(this.observationConvention, DefaultTokenFetchObservationConvention.INSTANCE,
						() -> context, this.observationRegistry)
				.start();
			long start = now();
			return this.source.requestToken(key.tenantId(), scopes, claimsField, attempts)
				.doOnNext((token) -> succeeded(key, scopes, start, attempts.get(), token, context, observation))
				.doOnError((ex) -> failed(key, scopes, start, attempts.get(), ex, context, observation))
				.doOnCancel(observation::stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Return the outcome of the most recent token request.
	 * @return the outcome, or {@code null} when no request was made yet
	 */
	@Nullable FetchOutcome lastFetch() {
		return this.lastFetch;
	}

	// The observation stops before the token or error reaches callers, so that metrics
	// are recorded by the time anyone has the outcome.
	private void succeeded(TokenKey key, List<String> scopes, long start, int attempts, AccessToken token,
			TokenFetchObservationContext context, Observation observation) {
		if (this.logger.isInfoEnabled()) {
			this.logger.info(this.credentialName + ".getToken succeeded for tenant " + key.tenantId() + " and scopes "
					+ scopes + " (expires " + token.expiresOn() + ")");
		}
		context.setOutcome(publish(key, scopes, start, attempts, token.expiresOn(), null));
		observation.stop();
	}

	private void failed(TokenKey key, List<String> scopes, long start, int attempts, Throwable ex,
			TokenFetchObservationContext context, Observation observation) {
		context.setOutcome(publish(key, scopes, start, attempts, null, ex));
		observation.error(ex);
		observation.stop();
	}

	private FetchOutcome publish(TokenKey key, List<String> scopes, long start, int attempts,
			@Nullable Instant expiresOn, @Nullable Throwable failure) {
		long end = now();
		FetchOutcome outcome = new FetchOutcome(Instant.ofEpochMilli(end), key.tenantId(), scopes, key.cae(),
				Duration.ofMillis(end - start), attempts, expiresOn, failure);
		this.lastFetch = outcome;
		try {
			this.eventListener.tokenFetched(outcome);
		}
		catch (RuntimeException ex) {
			this.logger.debug("Credential event listener failed", ex);
		}
		return outcome;
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

}
