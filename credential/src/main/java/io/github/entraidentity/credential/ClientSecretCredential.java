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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Authenticates as a Microsoft Entra ID service principal with a client secret (OAuth 2.0
 * client credentials), the Reactor counterpart of
 * {@code azure.identity.aio.ClientSecretCredential}.
 * <p>
 * Tokens are cached per tenant, scope set and CAE mode. Concurrent callers that need the
 * same token share one request; inside the refresh window callers keep getting the valid
 * cached token while one background refresh runs.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClientSecretCredential implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClientSecretCredential.class);

	private final String tenantId;

	private final String clientId;

	private final TenantResolver tenantResolver;

	private final TokenEndpointClient endpoint;

	private final ObservedTokenFetcher fetcher;

	private final TokenCache cache;

	private final TokenHttpClient httpClient;

	private final ClaimsRequestLimiter claimsLimiter;

	private final @Nullable SharedTokenStore store;

	private final Duration totalTimeout;

	private volatile boolean closed;

	/**
	 * Create a credential for the public cloud with default settings.
	 * @param tenantId the tenant (directory) id
	 * @param clientId the application (client) id
	 * @param clientSecret one of the application's client secrets
	 */
	public ClientSecretCredential(String tenantId, String clientId, String clientSecret) {
		this(builder().tenantId(tenantId).clientId(clientId).clientSecret(clientSecret));
	}

	private ClientSecretCredential(Builder builder) {
		Builder.Checked checked = builder.check();
		this.clientId = checked.clientId();
		this.tenantId = checked.tenantId();
		Authority authority = checked.authority();
		this.tenantResolver = new TenantResolver(this.tenantId, builder.additionallyAllowedTenants,
				checked.multiTenantDisabled());
		this.store = (builder.sharedTokenStore != null) ? builder.sharedTokenStore
				: (builder.cachePersistenceOptions != null) ? new FileSharedTokenStore(
						new BoundedTokenStore(FileTokenStore.open(builder.cachePersistenceOptions,
								authority.canonical(), this.clientId), BoundedTokenStore.DEFAULT_TIMEOUT),
						builder.scheduler) : null;
		this.httpClient = (builder.webClient != null)
				? TokenHttpClient.supplied(builder.webClient, builder.ownedHttpResources)
				: TokenHttpClient.create(builder.connectTimeout, builder.responseTimeout, builder.maxResponseBytes);
		EndpointSettings settings = new EndpointSettings(builder.responseTimeout, builder.totalTimeout,
				builder.maxResponseBytes,
				new RetryPolicy(builder.maxRetries, builder.retryDelay, builder.maxRetryDelay, builder.maxRetryAfter));
		this.totalTimeout = builder.totalTimeout;
		this.endpoint = new TokenEndpointClient(this.httpClient.webClient(), authority, this.clientId,
				new ClientSecrets(checked.clientSecrets(), builder.eventListener), settings, builder.scheduler);
		this.claimsLimiter = new ClaimsRequestLimiter(builder.scheduler, builder.eventListener);
		this.fetcher = new ObservedTokenFetcher(this.endpoint, this::isClosed, builder.scheduler, builder.eventListener,
				builder.observationRegistry, builder.observationConvention);
		this.cache = new TokenCache(this.fetcher,
				new TokenCacheSettings(this.store, authority.canonical(), this.clientId, builder.scheduler,
						this.tenantId, builder.refreshOffset, builder.refreshRetryDelay, builder.maxCacheEntries,
						builder.eventListener));
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Request an access token for the given scopes from the credential's own tenant,
	 * without CAE. The returned {@code Mono} is lazy and can be subscribed again.
	 * @param scopes the scopes, at least one, for example
	 * {@code https://graph.microsoft.com/.default}
	 * @return the token
	 */
	public Mono<AccessToken> getToken(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getToken(scopes[0]);
		}
		return getTokenFor(scopes);
	}

	/**
	 * Request an access token for one scope from the credential's own tenant, without
	 * CAE: the common call, which serves a cached token without allocating.
	 * @param scope the scope, for example {@code https://graph.microsoft.com/.default}
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
	 * Request an access token described by the context. A context with claims goes to
	 * Entra and replaces the cached token, within limits: the same claims within 30
	 * seconds get the token they produced, and at most 5 requests with claims per tenant,
	 * scope set and CAE mode are sent per minute; beyond that the token fails with
	 * {@link ClaimsRequestLimitedException}.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 */
	public Mono<AccessToken> getToken(TokenRequestContext context) {
		Objects.requireNonNull(context, "context must not be null");
		try {
			TokenKey key = keyFor(context);
			String claims = context.claims();
			if (claims != null && !claims.isBlank()) {
				return withClaims(key, context.scopes(), claims);
			}
			return this.cache.get(key, context.scopes());
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Return an access token for one scope from the credential's own tenant, without CAE,
	 * waiting on the calling thread: the blocking counterpart of
	 * {@link #getToken(String)} for servlet applications, {@code RestClient} interceptors
	 * and virtual threads. A fresh cached token is returned at once without allocating;
	 * otherwise the caller joins the one request that blocking and reactive callers of
	 * the same token share, and waits at most the credential's total timeout.
	 * @param scope the scope, for example {@code https://graph.microsoft.com/.default}
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 * @since 0.1.0
	 */
	public AccessToken getTokenSync(String scope) {
		requireBlockingAllowed();
		AccessToken fresh = (scope != null) ? this.cache.freshToken(scope) : null;
		return (fresh != null) ? fresh : getTokenSync(TokenRequestContext.of(scope));
	}

	/**
	 * Return an access token for the given scopes from the credential's own tenant,
	 * without CAE, waiting on the calling thread. See {@link #getTokenSync(String)}.
	 * @param scopes the scopes, at least one
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 * @since 0.1.0
	 */
	public AccessToken getTokenSync(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getTokenSync(scopes[0]);
		}
		requireBlockingAllowed();
		return getTokenSync(TokenRequestContext.of(scopes));
	}

	/**
	 * Return an access token described by the context, waiting on the calling thread: the
	 * blocking counterpart of {@link #getToken(TokenRequestContext)}, with the same cache
	 * and the same shared requests. See {@link #getTokenSync(String)}.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 * @since 0.1.0
	 */
	public AccessToken getTokenSync(TokenRequestContext context) {
		requireBlockingAllowed();
		Objects.requireNonNull(context, "context must not be null");
		TokenKey key = keyFor(context);
		String claims = context.claims();
		if (claims != null && !claims.isBlank()) {
			return await(withClaims(key, context.scopes(), claims));
		}
		AccessToken fresh = this.cache.freshToken(key, context.scopes());
		return (fresh != null) ? fresh : await(this.cache.get(key, context.scopes()));
	}

	// The one way to a token with claims, for reactive and blocking callers alike
	private Mono<AccessToken> withClaims(TokenKey key, List<String> scopes, String claims) {
		return this.claimsLimiter.request(key, claims, () -> this.cache.getWithClaims(key, scopes, claims));
	}

	private TokenKey keyFor(TokenRequestContext context) {
		ClaimsRequest.validate(context.claims());
		String tenant = this.tenantResolver.resolve(context.tenantId());
		if (!tenant.equals(this.tenantId) && logger.isInfoEnabled()) {
			logger
				.info("Requesting a token for tenant " + tenant + " instead of the configured tenant " + this.tenantId);
		}
		return new TokenKey(tenant, context.scopeSet(), context.caeEnabled());
	}

	private static void requireBlockingAllowed() {
		// Waiting here would stall an event loop, and with it the very response being
		// waited for: fail before touching the cache, so the mistake shows on the first
		// call rather than on the first cache miss.
		if (NonBlockingThreads.isNonBlocking(Thread.currentThread())) {
			throw new IllegalStateException("ClientSecretCredential.getTokenSync must not be called on the"
					+ " non-blocking thread " + Thread.currentThread().getName()
					+ "; use the reactive ClientSecretCredential.getToken(...) there, which returns a Mono");
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
			String host = this.endpoint.authority().host();
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
	 * Return the configured tenant.
	 * @return the tenant id
	 */
	public String tenantId() {
		return this.tenantId;
	}

	/**
	 * Return the application (client) id.
	 * @return the client id
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * Return the authority, such as {@code https://login.microsoftonline.com}.
	 * @return the authority URL
	 */
	public String authority() {
		return this.endpoint.authority().url();
	}

	/**
	 * Return the cached tokens that have not expired, by what they are for. Tokens
	 * themselves are not exposed: the view carries only their timing.
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
	 * Return which client secret the credential uses: its position in the ordered list,
	 * where it comes from and, after a fallback, why Entra rejected the one before. Never
	 * the secret itself.
	 * @return the secret in use
	 */
	public ClientSecretInUse clientSecretInUse() {
		return this.endpoint.secretInUse();
	}

	/**
	 * Return the outcome of the most recent token request to Entra.
	 * @return the outcome, or {@code null} when no request was made yet
	 */
	public @Nullable FetchOutcome lastFetch() {
		return this.fetcher.lastFetch();
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return whether the credential is closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Release the HTTP connections the credential created (or was handed with
	 * {@link Builder#webClient(WebClient, AutoCloseable)}); a {@code WebClient} passed to
	 * the builder is left alone. Idempotent, and non-blocking unless a persistent cache
	 * is configured: tokens are persisted in the background, so close waits (at most 2
	 * seconds) for the ones still being written. Afterwards cached tokens are still
	 * served and anything that needs the network fails with
	 * {@link CredentialUnavailableException}.
	 */
	@Override
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
	 * Return the HTTP client token requests go through, with what the credential owns.
	 * @return the token HTTP client
	 */
	TokenHttpClient httpClient() {
		return this.httpClient;
	}

	@Override
	public String toString() {
		return "ClientSecretCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ authority() + ", clientSecret=***]";
	}

	/**
	 * Builder for {@link ClientSecretCredential}.
	 */
	public static final class Builder {

		private @Nullable String tenantId;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable Path clientSecretFile;

		private @Nullable List<String> clientSecrets;

		private @Nullable List<ClientSecretSource> clientSecretSources;

		private @Nullable String authority;

		private List<String> additionallyAllowedTenants = List.of();

		private @Nullable TokenCachePersistenceOptions cachePersistenceOptions;

		private @Nullable SharedTokenStore sharedTokenStore;

		private @Nullable WebClient webClient;

		private @Nullable AutoCloseable ownedHttpResources;

		private Duration connectTimeout = CredentialDefaults.CONNECT_TIMEOUT;

		private Duration responseTimeout = CredentialDefaults.RESPONSE_TIMEOUT;

		private Duration totalTimeout = CredentialDefaults.TOTAL_TIMEOUT;

		private int maxRetries = CredentialDefaults.MAX_RETRIES;

		private Duration retryDelay = CredentialDefaults.RETRY_DELAY;

		private Duration maxRetryDelay = CredentialDefaults.MAX_RETRY_DELAY;

		private Duration maxRetryAfter = CredentialDefaults.MAX_RETRY_AFTER;

		private int maxResponseBytes = CredentialDefaults.MAX_RESPONSE_BYTES;

		private Duration refreshOffset = CredentialDefaults.REFRESH_OFFSET;

		private Duration refreshRetryDelay = CredentialDefaults.REFRESH_RETRY_DELAY;

		private int maxCacheEntries = CredentialDefaults.MAX_CACHE_ENTRIES;

		private Scheduler scheduler = Schedulers.parallel();

		private CredentialEventListener eventListener = CredentialEventListener.NONE;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable TokenFetchObservationConvention observationConvention;

		private Function<String, @Nullable String> environment = System::getenv;

		private Builder() {
		}

		/**
		 * Set the tenant (directory) id.
		 * @param tenantId the tenant id
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Set the application (client) id.
		 * @param clientId the client id
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * Set the client secret (its value, not its id). Exclusive with
		 * {@link #clientSecretFile(Path)}, {@link #clientSecrets(List)} and
		 * {@link #clientSecretSources(List)}.
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Read the client secret from a file, such as a Kubernetes secret volume: its
		 * content, trimmed. The credential notices when the file is replaced (including
		 * by a symlink swap) and uses the new secret for the next token request; before
		 * failing a request whose secret Entra rejected, it reads the file once more. A
		 * missing or empty file fails {@link #build()}; a file that disappears later
		 * leaves the secret read last in use. Exclusive with the other client secret
		 * settings.
		 * @param clientSecretFile the file
		 * @return this builder
		 */
		public Builder clientSecretFile(Path clientSecretFile) {
			this.clientSecretFile = Objects.requireNonNull(clientSecretFile, "clientSecretFile must not be null");
			return this;
		}

		/**
		 * Set several client secrets, in order, for a rotation's overlap. The first is
		 * used until Entra rejects it as wrong (AADSTS7000215) or expired
		 * (AADSTS7000222); then the next ones are tried at once and the one that works is
		 * used from then on. Exclusive with the other client secret settings.
		 * @param clientSecrets the secrets, at least one
		 * @return this builder
		 */
		public Builder clientSecrets(List<String> clientSecrets) {
			Objects.requireNonNull(clientSecrets, "clientSecrets must not be null");
			this.clientSecrets = new ArrayList<>(clientSecrets);
			return this;
		}

		/**
		 * Set sources of client secrets, read on demand, in order: like
		 * {@link #clientSecrets(List)}, but each secret is read from its source before
		 * each token request (never for a cached token) and once more before a rejected
		 * one fails. Exclusive with the other client secret settings.
		 * @param clientSecretSources the sources, at least one, such as
		 * {@link ClientSecretSource#file(Path)}
		 * @return this builder
		 */
		public Builder clientSecretSources(List<? extends ClientSecretSource> clientSecretSources) {
			Objects.requireNonNull(clientSecretSources, "clientSecretSources must not be null");
			this.clientSecretSources = new ArrayList<>(clientSecretSources);
			return this;
		}

		/**
		 * Set the authority, such as {@link AzureAuthorityHosts#AZURE_CHINA}; a host
		 * without scheme gets {@code https://}. Defaults to {@code AZURE_AUTHORITY_HOST}
		 * or the public cloud.
		 * @param authority the authority
		 * @return this builder
		 */
		public Builder authority(String authority) {
			this.authority = authority;
			return this;
		}

		/**
		 * Set tenants, besides the configured one, that requests may ask for; {@code "*"}
		 * allows any tenant.
		 * @param tenants the tenants
		 * @return this builder
		 */
		public Builder additionallyAllowedTenants(Collection<String> tenants) {
			Objects.requireNonNull(tenants, "additionallyAllowedTenants must not be null");
			this.additionallyAllowedTenants = tenants.stream()
				.map((tenant) -> Objects.requireNonNull(tenant, "additionallyAllowedTenants must not contain null")
					.strip())
				.toList();
			return this;
		}

		/**
		 * Persist tokens across restarts and processes.
		 * @param options the persistence options
		 * @return this builder
		 */
		public Builder cachePersistenceOptions(TokenCachePersistenceOptions options) {
			this.cachePersistenceOptions = options;
			return this;
		}

		/**
		 * Share tokens through the given store (L2) behind the in-memory cache, for
		 * example with the other instances of a fleet. Replaces the file cache of
		 * {@link #cachePersistenceOptions}. The credential closes the store when it is
		 * closed.
		 * @param store the store
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder sharedTokenStore(SharedTokenStore store) {
			this.sharedTokenStore = Objects.requireNonNull(store, "sharedTokenStore must not be null");
			return this;
		}

		/**
		 * Use the given {@code WebClient} for token requests. The credential never closes
		 * it; without one the credential creates and owns its own.
		 * @param webClient the client
		 * @return this builder
		 */
		public Builder webClient(WebClient webClient) {
			this.webClient = webClient;
			return this;
		}

		/**
		 * Use the given {@code WebClient}, built for this credential alone, for token
		 * requests and close the resources it runs on (such as a
		 * {@link TokenConnectionPool}) when the credential is closed.
		 * @param webClient the client
		 * @param resources what the credential closes when it is closed
		 * @return this builder
		 */
		public Builder webClient(WebClient webClient, AutoCloseable resources) {
			this.webClient = webClient;
			this.ownedHttpResources = Objects.requireNonNull(resources, "resources must not be null");
			return this;
		}

		/**
		 * Set the connect timeout of the credential's own HTTP client (10 s by default).
		 * Ignored when a {@code WebClient} is supplied.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
			return this;
		}

		/**
		 * Set how long one attempt may wait for its whole response (10 s by default).
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout must not be null");
			return this;
		}

		/**
		 * Set how long one token request may take across all attempts and retry delays
		 * (60 s by default).
		 * @param totalTimeout the timeout
		 * @return this builder
		 */
		public Builder totalTimeout(Duration totalTimeout) {
			this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout must not be null");
			return this;
		}

		/**
		 * Set how many times a failed request is retried (3 by default).
		 * @param maxRetries the number of retries, 0 to disable, at most 10
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Set the delay before the first retry, doubled for each further one (800 ms by
		 * default).
		 * @param retryDelay the delay
		 * @return this builder
		 */
		public Builder retryDelay(Duration retryDelay) {
			this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay must not be null");
			return this;
		}

		/**
		 * Set the largest backoff delay (8 s by default).
		 * @param maxRetryDelay the delay
		 * @return this builder
		 */
		public Builder maxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = Objects.requireNonNull(maxRetryDelay, "maxRetryDelay must not be null");
			return this;
		}

		/**
		 * Set the largest {@code Retry-After} honoured (30 s by default); longer requests
		 * are shortened to it.
		 * @param maxRetryAfter the cap
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
			return this;
		}

		/**
		 * Set the largest response body read (64 KiB by default, at least 1 KiB).
		 * @param maxResponseBytes the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseBytes(int maxResponseBytes) {
			this.maxResponseBytes = maxResponseBytes;
			return this;
		}

		/**
		 * Set how long before expiry a token without a server-sent refresh time is
		 * refreshed (5 minutes by default). Short-lived tokens are refreshed at half
		 * their lifetime at the earliest.
		 * @param refreshOffset the offset
		 * @return this builder
		 */
		public Builder refreshOffset(Duration refreshOffset) {
			this.refreshOffset = Objects.requireNonNull(refreshOffset, "refreshOffset must not be null");
			return this;
		}

		/**
		 * Set how long to wait after a failed background refresh before the next one (30
		 * s by default).
		 * @param refreshRetryDelay the delay
		 * @return this builder
		 */
		public Builder refreshRetryDelay(Duration refreshRetryDelay) {
			this.refreshRetryDelay = Objects.requireNonNull(refreshRetryDelay, "refreshRetryDelay must not be null");
			return this;
		}

		/**
		 * Set how many tokens the in-memory cache holds at most (1000 by default, at
		 * least 1).
		 * @param maxCacheEntries the bound
		 * @return this builder
		 */
		public Builder maxCacheEntries(int maxCacheEntries) {
			this.maxCacheEntries = maxCacheEntries;
			return this;
		}

		/**
		 * Set the scheduler for timeouts, retry delays and the credential's clock; tests
		 * pass a {@code VirtualTimeScheduler}.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
			return this;
		}

		/**
		 * Add a listener for cache and fetch events; listeners added earlier keep
		 * receiving events.
		 * @param eventListener the listener
		 * @return this builder
		 */
		public Builder eventListener(CredentialEventListener eventListener) {
			Objects.requireNonNull(eventListener, "eventListener must not be null");
			this.eventListener = (this.eventListener == CredentialEventListener.NONE) ? eventListener
					: CompositeEventListener.of(this.eventListener, eventListener);
			return this;
		}

		/**
		 * Set the registry that observes each token request to Entra as
		 * {@code identity.token.fetch} (a timer with any meter handler, a span with
		 * tracing). No observations by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return this;
		}

		/**
		 * Set a custom convention for the {@code identity.token.fetch} observation.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(TokenFetchObservationConvention observationConvention) {
			this.observationConvention = Objects.requireNonNull(observationConvention,
					"observationConvention must not be null");
			return this;
		}

		/**
		 * Set where the credential reads the Azure SDK's environment variables
		 * {@code AZURE_AUTHORITY_HOST} (the authority when none is set) and
		 * {@code AZURE_IDENTITY_DISABLE_MULTITENANTAUTH} ({@code true} or {@code 1}
		 * refuses tokens for any tenant but the configured one). {@code System::getenv}
		 * by default; frameworks pass their own view of the environment, as the Spring
		 * Boot auto-configuration passes the Spring {@code Environment}.
		 * @param environment a function from a variable's name to its value, or
		 * {@code null} when it is not set
		 * @return this builder
		 */
		public Builder environment(Function<String, @Nullable String> environment) {
			this.environment = Objects.requireNonNull(environment, "environment must not be null");
			return this;
		}

		Builder environment(Map<String, String> environment) {
			return environment((Function<String, @Nullable String>) environment::get);
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once. Reads the cache's key file, if one is set.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting first and makes no network call.
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public ClientSecretCredential build() {
			return new ClientSecretCredential(this);
		}

		/**
		 * The one place where the credential's settings are checked. Setters refuse null;
		 * everything else is collected here so that one report lists every problem.
		 * @return the normalized settings the credential needs
		 */
		Checked check() {
			List<InvalidSetting> problems = new ArrayList<>();
			String tenant = requireText(this.tenantId, "tenantId", TenantIds.ACTION, problems);
			if (tenant != null) {
				String problem = TenantIds.problem(tenant);
				if (problem != null) {
					problems
						.add(new InvalidSetting("tenantId", "is not a valid tenant id: " + problem, TenantIds.ACTION));
				}
			}
			String client = requireText(this.clientId, "clientId",
					"Set it to the application (client) id of the app registration.", problems);
			List<ClientSecretSource> secret = checkSecrets(problems);
			Authority parsedAuthority = checkAuthority(problems);
			for (int i = 0; i < this.additionallyAllowedTenants.size(); i++) {
				String allowed = this.additionallyAllowedTenants.get(i);
				String problem = TenantResolver.ANY_TENANT.equals(allowed) ? null : TenantIds.problem(allowed);
				if (problem != null) {
					problems.add(new InvalidSetting("additionallyAllowedTenants[" + i + "]",
							"is neither '*' nor a valid tenant id: " + problem,
							"Use tenant ids, or '*' to allow any tenant."));
				}
			}
			positive(this.connectTimeout, "connectTimeout", problems);
			positive(this.responseTimeout, "responseTimeout", problems);
			positive(this.totalTimeout, "totalTimeout", problems);
			if (this.maxRetries < 0 || this.maxRetries > CredentialDefaults.MAX_RETRIES_LIMIT) {
				problems.add(new InvalidSetting("maxRetries",
						"must be between 0 and " + CredentialDefaults.MAX_RETRIES_LIMIT,
						"Use 0 to disable retries, or up to " + CredentialDefaults.MAX_RETRIES_LIMIT + "."));
			}
			positive(this.retryDelay, "retryDelay", problems);
			positive(this.maxRetryDelay, "maxRetryDelay", problems);
			positive(this.maxRetryAfter, "maxRetryAfter", problems);
			if (this.maxResponseBytes < CredentialDefaults.MIN_RESPONSE_BYTES) {
				problems.add(new InvalidSetting("maxResponseBytes",
						"must be at least " + CredentialDefaults.MIN_RESPONSE_BYTES + " bytes", "Use at least "
								+ CredentialDefaults.MIN_RESPONSE_BYTES + " bytes; token responses are a few KiB."));
			}
			nonNegative(this.refreshOffset, "refreshOffset", problems);
			nonNegative(this.refreshRetryDelay, "refreshRetryDelay", problems);
			if (this.maxCacheEntries < 1) {
				problems.add(new InvalidSetting("maxCacheEntries", "must be at least 1",
						"Use a bound such as " + CredentialDefaults.MAX_CACHE_ENTRIES + "."));
			}
			if (this.cachePersistenceOptions != null && this.sharedTokenStore != null) {
				problems.add(new InvalidSetting("sharedTokenStore", "is set together with cachePersistenceOptions",
						"Use one of them: a shared store (such as Redis) already shares tokens beyond the process."));
			}
			if (this.cachePersistenceOptions != null) {
				try {
					// Reads the key file here too, so that its problems join the report.
					CacheFileCipher.of(this.cachePersistenceOptions);
				}
				catch (InvalidCredentialSettingsException ex) {
					problems.addAll(ex.problems());
				}
			}
			if (!problems.isEmpty() || tenant == null || client == null || secret == null || parsedAuthority == null) {
				throw new InvalidCredentialSettingsException(problems);
			}
			return new Checked(tenant, client, secret, parsedAuthority,
					isTrue(this.environment.apply("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH")));
		}

		/**
		 * Check the client secret settings: exactly one of them, and each secret there.
		 * @param problems collects the problems
		 * @return the sources, or {@code null} when there is a problem
		 */
		private @Nullable List<ClientSecretSource> checkSecrets(List<InvalidSetting> problems) {
			List<String> set = new ArrayList<>();
			if (this.clientSecret != null && !this.clientSecret.isBlank()) {
				set.add("clientSecret");
			}
			if (this.clientSecretFile != null) {
				set.add("clientSecretFile");
			}
			if (this.clientSecrets != null) {
				set.add("clientSecrets");
			}
			if (this.clientSecretSources != null) {
				set.add("clientSecretSources");
			}
			if (set.size() > 1) {
				for (String other : set.subList(1, set.size())) {
					problems.add(new InvalidSetting(other, "is set together with " + set.get(0),
							"Keep only one of " + String.join(" and ", set)
									+ ": a single secret, a file, or an ordered list for a rotation's overlap."));
				}
				return null;
			}
			int before = problems.size();
			List<ClientSecretSource> sources = new ArrayList<>();
			if (set.isEmpty()) {
				requireText(this.clientSecret, "clientSecret",
						"Set it to a client secret of the app registration (its Value, not its Secret ID), preferably"
								+ " from an environment variable, a secret store or a file (clientSecretFile).",
						problems);
			}
			else if (this.clientSecretFile != null) {
				FileClientSecret file = new FileClientSecret(this.clientSecretFile);
				String problem = file.problem();
				if (problem != null) {
					problems.add(new InvalidSetting("clientSecretFile", problem,
							"Mount or create the file with the client secret's Value as its only content."));
				}
				sources.add(file);
			}
			else if (this.clientSecrets != null) {
				checkList(this.clientSecrets, "clientSecrets", problems);
				for (int i = 0; i < this.clientSecrets.size(); i++) {
					String value = this.clientSecrets.get(i);
					if (value == null || value.isBlank()) {
						problems.add(new InvalidSetting("clientSecrets[" + i + "]", "must not be blank",
								"Set it to a client secret of the app registration (its Value), or remove it."));
					}
					else {
						sources.add(new FixedClientSecret(value.strip()));
					}
				}
			}
			else if (this.clientSecretSources != null) {
				checkList(this.clientSecretSources, "clientSecretSources", problems);
				for (int i = 0; i < this.clientSecretSources.size(); i++) {
					checkSource(this.clientSecretSources.get(i), i, problems);
					sources.add(this.clientSecretSources.get(i));
				}
			}
			else {
				sources.add(new FixedClientSecret(this.clientSecret.strip()));
			}
			return (problems.size() == before) ? sources : null;
		}

		private static void checkList(List<?> list, String name, List<InvalidSetting> problems) {
			if (list.isEmpty()) {
				problems.add(new InvalidSetting(name, "is empty", "Give at least one client secret."));
			}
		}

		private static void checkSource(@Nullable ClientSecretSource source, int index, List<InvalidSetting> problems) {
			String setting = "clientSecretSources[" + index + "]";
			if (source == null) {
				problems.add(new InvalidSetting(setting, "is null", "Remove it or give a source."));
				return;
			}
			if (source instanceof FileClientSecret file) {
				String problem = file.problem();
				if (problem != null) {
					problems.add(new InvalidSetting(setting, problem,
							"Mount or create the file with the client secret's Value as its only content."));
				}
				return;
			}
			try {
				String secret = source.secret();
				if (secret == null || secret.isBlank()) {
					problems.add(new InvalidSetting(setting, "returned no secret",
							"Make the source return the client secret's Value."));
				}
			}
			catch (RuntimeException ex) {
				// The message might hold the secret: only the type is reported
				problems.add(new InvalidSetting(setting, "failed with " + ex.getClass().getName(),
						"Make the source return the client secret's Value."));
			}
		}

		private @Nullable Authority checkAuthority(List<InvalidSetting> problems) {
			String value = this.authority;
			String setting = "authority";
			if (value == null) {
				// As in azure-identity, an empty AZURE_AUTHORITY_HOST means the public
				// cloud.
				String variable = this.environment.apply("AZURE_AUTHORITY_HOST");
				boolean set = variable != null && !variable.isBlank();
				value = set ? variable : AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
				setting = set ? "authority (from AZURE_AUTHORITY_HOST)" : setting;
			}
			try {
				return Authority.parse(value, setting);
			}
			catch (InvalidCredentialSettingsException ex) {
				problems.addAll(ex.problems());
				return null;
			}
		}

		private static @Nullable String requireText(@Nullable String value, String name, String action,
				List<InvalidSetting> problems) {
			if (value == null || value.isBlank()) {
				problems.add(new InvalidSetting(name, "must be set and not blank", action));
				return null;
			}
			return value.strip();
		}

		private static void positive(Duration value, String name, List<InvalidSetting> problems) {
			if (value.isNegative() || value.isZero()) {
				problems.add(new InvalidSetting(name, "must be positive", "Use a positive duration such as 10s."));
			}
		}

		private static void nonNegative(Duration value, String name, List<InvalidSetting> problems) {
			if (value.isNegative()) {
				problems.add(new InvalidSetting(name, "must not be negative", "Use zero or a positive duration."));
			}
		}

		private static boolean isTrue(@Nullable String value) {
			return value != null && (value.strip().equalsIgnoreCase("true") || value.strip().equals("1"));
		}

		@Override
		public String toString() {
			return "ClientSecretCredential.Builder[tenantId=" + this.tenantId + ", clientId=" + this.clientId
					+ ", clientSecret=" + ((this.clientSecret != null) ? "***" : "unset")
					+ ((this.clientSecretFile != null) ? ", clientSecretFile=" + this.clientSecretFile : "")
					+ ((this.clientSecrets != null) ? ", clientSecrets=" + this.clientSecrets.size() + " x ***" : "")
					+ "]";
		}

		/**
		 * Settings that passed {@link #check()}, normalized.
		 *
		 * @param tenantId the tenant id
		 * @param clientId the client id
		 * @param clientSecrets the client secrets' sources, in order
		 * @param authority the authority
		 * @param multiTenantDisabled whether the environment disables multi-tenant
		 * authentication
		 */
		record Checked(String tenantId, String clientId, List<ClientSecretSource> clientSecrets, Authority authority,
				boolean multiTenantDisabled) {

			@Override
			public String toString() {
				return "Checked[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", clientSecret=***]";
			}

		}

	}

}
