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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The one engine behind every credential: checks a request, resolves its tenant, limits
 * claims requests, serves the cache and, for a miss or a refresh, fetches through the
 * credential's {@link TokenSource}. A credential class holds one and delegates to it; see
 * the package documentation for the path a request takes.
 *
 * @author Entra Identity contributors
 */
public final class TokenPipeline {

	private final String credentialName;

	private final Log logger;

	private final String tenantId;

	private final TenantResolver tenantResolver;

	private final TokenSource source;

	private final ObservedTokenFetcher fetcher;

	private final TokenCache cache;

	private final TokenHttpClient httpClient;

	private final ClaimsRequestLimiter claimsLimiter;

	private final @Nullable SharedTokenStore store;

	private final Duration totalTimeout;

	private volatile boolean closed;

	/**
	 * Build the pipeline. Makes no network call.
	 * @param settings the checked settings
	 * @param sources creates the source of new tokens on the pipeline's HTTP client
	 */
	public TokenPipeline(PipelineSettings settings, TokenSource.Factory sources) {
		CredentialIdentity identity = settings.identity();
		this.credentialName = settings.credentialType().getSimpleName();
		this.logger = LogFactory.getLog(settings.credentialType());
		this.tenantId = identity.tenantId();
		this.tenantResolver = identity.tenants();
		this.store = sharedStore(settings);
		EndpointSettings endpoint = settings.endpoint();
		this.httpClient = (settings.webClient() != null)
				? TokenHttpClient.supplied(settings.webClient(), settings.ownedHttpResources()) : TokenHttpClient
					.create(settings.connectTimeout(), endpoint.responseTimeout(), endpoint.maxResponseBytes());
		this.source = sources.create(this.httpClient.webClient(), settings);
		this.totalTimeout = endpoint.totalTimeout();
		this.claimsLimiter = new ClaimsRequestLimiter(settings.scheduler(), settings.eventListener());
		this.fetcher = new ObservedTokenFetcher(this.source, this::isClosed, settings);
		this.cache = new TokenCache(this.fetcher,
				new TokenCacheSettings(this.store, identity.authority().canonical(), identity.clientId(),
						settings.scheduler(), this.tenantId, settings.refreshOffset(), settings.refreshRetryDelay(),
						settings.maxCacheEntries(), settings.eventListener(), this.credentialName, this.logger));
	}

	private static @Nullable SharedTokenStore sharedStore(PipelineSettings settings) {
		if (settings.sharedTokenStore() != null) {
			return settings.sharedTokenStore();
		}
		TokenCachePersistenceOptions options = settings.cachePersistenceOptions();
		if (options == null) {
			return null;
		}
		CredentialIdentity identity = settings.identity();
		return new FileSharedTokenStore(new BoundedTokenStore(
				FileTokenStore.open(options, identity.authority().canonical(), identity.clientId()),
				BoundedTokenStore.DEFAULT_TIMEOUT), settings.scheduler());
	}

	/**
	 * Request a token for the given scopes from the configured tenant, without CAE.
	 * @param scopes the scopes
	 * @return the token
	 */
	public Mono<AccessToken> getToken(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getToken(scopes[0]);
		}
		return getTokenFor(scopes);
	}

	/**
	 * Request a token for one scope from the configured tenant, without CAE: a cached
	 * token is served without allocating.
	 * @param scope the scope
	 * @return the token
	 */
	public Mono<AccessToken> getToken(String scope) {
		Mono<AccessToken> cached = (scope != null) ? this.cache.cachedPublisher(scope) : null;
		return (cached != null) ? cached : getTokenFor(scope);
	}

	private Mono<AccessToken> getTokenFor(String... scopes) {
		TokenRequestContext context;
		try {
			context = TokenRequestContext.of(scopes);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return getToken(context);
	}

	/**
	 * Request a token described by the context.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 */
	public Mono<AccessToken> getToken(TokenRequestContext context) {
		Objects.requireNonNull(context, "context must not be null");
		try {
			String claims = context.claims();
			if (claims != null && !claims.isBlank()) {
				return withClaims(keyFor(context), context.scopes(), claims);
			}
			TokenKey requested = requestedKey(context);
			Mono<AccessToken> held = this.cache.publisherIfHeld(requested);
			if (held != null) {
				logOtherTenant(requested.tenantId());
				return held;
			}
			return this.cache.get(keyFor(context), context.scopes());
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Return a token for one scope, waiting on the calling thread: a fresh cached token
	 * is returned without allocating.
	 * @param scope the scope
	 * @return the token
	 */
	public AccessToken getTokenSync(String scope) {
		AccessToken fresh = this.cache.freshTokenSync(scope);
		return (fresh != null) ? fresh : getTokenSync(TokenRequestContext.of(scope));
	}

	/**
	 * Return the cache, whose {@link TokenCache#freshTokenSync(String)} a credential
	 * calls directly on its blocking one-scope path.
	 * @return the cache
	 */
	public TokenCache cache() {
		return this.cache;
	}

	/**
	 * Return a token for the given scopes, waiting on the calling thread.
	 * @param scopes the scopes
	 * @return the token
	 */
	public AccessToken getTokenSync(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getTokenSync(scopes[0]);
		}
		this.cache.requireBlockingAllowed();
		return getTokenSync(TokenRequestContext.of(scopes));
	}

	/**
	 * Return a token described by the context, waiting on the calling thread.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 */
	public AccessToken getTokenSync(TokenRequestContext context) {
		this.cache.requireBlockingAllowed();
		Objects.requireNonNull(context, "context must not be null");
		String claims = context.claims();
		if (claims != null && !claims.isBlank()) {
			return await(withClaims(keyFor(context), context.scopes(), claims));
		}
		TokenKey requested = requestedKey(context);
		AccessToken fresh = this.cache.freshTokenIfHeld(requested);
		if (fresh != null) {
			logOtherTenant(requested.tenantId());
			return fresh;
		}
		if (this.cache.contains(requested)) {
			// Held but not fresh: the lookup above recorded the use
			logOtherTenant(requested.tenantId());
			return await(this.cache.getAfterMiss(requested, context.scopes()));
		}
		TokenKey key = keyFor(context);
		fresh = this.cache.freshToken(key, context.scopes());
		return (fresh != null) ? fresh : await(this.cache.getAfterMiss(key, context.scopes()));
	}

	// The one way to a token with claims, for reactive and blocking callers alike
	private Mono<AccessToken> withClaims(TokenKey key, List<String> scopes, String claims) {
		return this.claimsLimiter.request(key, claims, () -> this.cache.getWithClaims(key, scopes, claims));
	}

	private TokenKey keyFor(TokenRequestContext context) {
		ClaimsRequest.validate(context.claims());
		String tenant = this.tenantResolver.resolve(context.tenantId());
		logOtherTenant(tenant);
		return new TokenKey(tenant, context.scopeSet(), context.caeEnabled());
	}

	/**
	 * Return the key of a request without claims, with the tenant as requested. A key the
	 * cache holds was made by {@link #keyFor}: only resolved tenants make keys, and
	 * resolving depends on the credential's settings alone, so such a tenant resolves to
	 * itself. A multi-tenant application's cached lookup therefore asks the cache with
	 * this key first and skips validating and resolving the tenant again, which read
	 * every character of a string the lookup otherwise only hashes; the cache never
	 * creates an entry for this key.
	 */
	private TokenKey requestedKey(TokenRequestContext context) {
		String requested = context.tenantId();
		return new TokenKey((requested != null) ? requested : this.tenantId, context.scopeSet(), context.caeEnabled());
	}

	private void logOtherTenant(String tenant) {
		// DEBUG: a multi-tenant application asks for another tenant on every call, and at
		// INFO each cached lookup would write a line. The hashes first: a string keeps
		// its hash, so another tenant is told apart without reading its characters.
		boolean configured = tenant == this.tenantId
				|| (tenant.hashCode() == this.tenantId.hashCode() && tenant.equals(this.tenantId));
		if (!configured && this.logger.isDebugEnabled()) {
			this.logger.debug(
					"Requesting a token for tenant " + tenant + " instead of the configured tenant " + this.tenantId);
		}
	}

	/**
	 * Wait for a token on the calling thread. A {@code CompletableFuture} parks the
	 * thread without holding a monitor, so a waiting virtual thread releases its carrier.
	 * Giving up only cancels this caller's subscription: the shared request goes on for
	 * the others.
	 */
	private AccessToken await(Mono<AccessToken> token) {
		CompletableFuture<AccessToken> future = token.toFuture();
		try {
			return future.get(this.totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new CredentialUnavailableException("Token request failed: " + cause, cause);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			String host = this.source.host();
			throw new TokenTransportException(
					"No token from " + host + " within the total timeout of " + this.totalTimeout.toMillis()
							+ " ms; check network and proxy settings or raise the timeouts",
					host, TokenTransportException.Kind.TIMEOUT, 0, ex);
		}
		catch (InterruptedException ex) {
			future.cancel(false);
			Thread.currentThread().interrupt();
			throw new CredentialUnavailableException("Interrupted while waiting for a token", ex);
		}
	}

	/**
	 * Return the cached tokens that have not expired, without the tokens.
	 * @return the cached token views
	 */
	public List<CachedTokenView> cachedTokens() {
		return this.cache.validTokens()
			.entrySet()
			.stream()
			.map((entry) -> new CachedTokenView(entry.getKey().tenantId(), List.copyOf(entry.getKey().scopes()),
					entry.getKey().cae(), entry.getValue().token().expiresOn(),
					Instant.ofEpochMilli(entry.getValue().refreshAtMillis())))
			.toList();
	}

	/**
	 * Describe how the credential proves itself, never the proof.
	 * @return the client authentication in use
	 */
	public ClientAuthenticationInUse clientAuthentication() {
		return this.source.clientAuthentication();
	}

	/**
	 * Return the outcome of the most recent token request.
	 * @return the outcome, or {@code null} when no request was made yet
	 */
	public @Nullable FetchOutcome lastFetch() {
		return this.fetcher.lastFetch();
	}

	/**
	 * Return whether the pipeline was closed.
	 * @return whether it is closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Release the HTTP connections the pipeline owns and let the last persisted tokens
	 * land; cached tokens are still served afterwards. Idempotent.
	 */
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.cache.close();
		this.httpClient.close();
		if (this.store != null) {
			// Tokens are persisted in the background: let the last ones land
			this.store.close();
		}
	}

	/**
	 * Return the HTTP client token requests go through, with what the pipeline owns.
	 * @return the token HTTP client
	 */
	public TokenHttpClient httpClient() {
		return this.httpClient;
	}

}
