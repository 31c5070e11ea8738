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

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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

	private final @Nullable ConnectionProvider ownedConnections;

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
		this.clientId = requireText(builder.clientId, "clientId",
				"the application (client) id of a Microsoft Entra app registration");
		String secret = requireText(builder.clientSecret, "clientSecret",
				"one of the app registration's client secrets (its Value, not its Secret ID)");
		this.tenantId = TenantIds.validate(requireText(builder.tenantId, "tenantId",
				"a Microsoft Entra tenant's id (also called its 'directory id')"), "tenantId");
		String authorityValue = (builder.authority != null) ? builder.authority
				: authorityFromEnvironment(builder.environment.apply("AZURE_AUTHORITY_HOST"));
		Authority authority = Authority.parse(authorityValue);
		this.tenantResolver = new TenantResolver(this.tenantId, builder.additionallyAllowedTenants,
				isTrue(builder.environment.apply("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH")));
		TokenStore store = (builder.cachePersistenceOptions != null)
				? FileTokenStore.open(builder.cachePersistenceOptions, authority.host(), this.clientId) : null;
		WebClient webClient = builder.webClient;
		if (webClient == null) {
			this.ownedConnections = ConnectionProvider.builder("entra-identity")
				.maxConnections(16)
				.maxIdleTime(Duration.ofSeconds(60))
				.build();
			HttpClient httpClient = HttpClient.create(this.ownedConnections)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) builder.connectTimeout.toMillis())
				.responseTimeout(builder.responseTimeout);
			webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
		}
		else {
			this.ownedConnections = null;
		}
		EndpointSettings settings = new EndpointSettings(builder.responseTimeout, builder.totalTimeout,
				builder.maxResponseBytes,
				new RetryPolicy(builder.maxRetries, builder.retryDelay, builder.maxRetryDelay, builder.maxRetryAfter));
		this.totalTimeout = builder.totalTimeout;
		this.endpoint = new TokenEndpointClient(webClient, authority, this.clientId, secret, settings,
				builder.scheduler);
		this.fetcher = new ObservedTokenFetcher(this.endpoint, this::isClosed, builder.scheduler, builder.eventListener,
				builder.observationRegistry, builder.observationConvention);
		this.cache = new TokenCache(this.fetcher, new TokenCacheSettings(store, builder.scheduler, this.tenantId,
				builder.refreshOffset, builder.refreshRetryDelay, builder.maxCacheEntries, builder.eventListener));
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
	 * Request an access token described by the context. A context with claims always goes
	 * to Entra and replaces the cached token.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 */
	public Mono<AccessToken> getToken(TokenRequestContext context) {
		Objects.requireNonNull(context, "context must not be null");
		try {
			TokenKey key = keyFor(context);
			String claims = context.claims();
			if (claims != null && !claims.isBlank()) {
				return this.cache.getWithClaims(key, context.scopes(), claims);
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
			return await(this.cache.getWithClaims(key, context.scopes(), claims));
		}
		AccessToken fresh = this.cache.freshToken(key, context.scopes());
		return (fresh != null) ? fresh : await(this.cache.get(key, context.scopes()));
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
		if (Thread.currentThread() instanceof NonBlocking) {
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
	 * Release the HTTP connections the credential created; a {@code WebClient} passed to
	 * the builder is left alone. Non-blocking and idempotent. Afterwards cached tokens
	 * are still served and anything that needs the network fails with
	 * {@link CredentialUnavailableException}.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.ownedConnections != null) {
			this.ownedConnections.disposeLater()
				.subscribe(null, (ex) -> logger.debug("Closing connections failed", ex));
		}
	}

	/**
	 * Return the connection pool the credential created, if it created one.
	 * @return the pool or {@code null} when the caller supplied the {@code WebClient}
	 */
	@Nullable ConnectionProvider ownedConnections() {
		return this.ownedConnections;
	}

	@Override
	public String toString() {
		return "ClientSecretCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ authority() + ", clientSecret=***]";
	}

	private static String requireText(@Nullable String value, String name, String meaning) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must be set and not blank: it should be " + meaning + ".");
		}
		return value.strip();
	}

	private static String authorityFromEnvironment(@Nullable String value) {
		// As in azure-identity, an empty AZURE_AUTHORITY_HOST means the public cloud.
		return (value != null && !value.isBlank()) ? value : AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
	}

	private static boolean isTrue(@Nullable String value) {
		return value != null && (value.strip().equalsIgnoreCase("true") || value.strip().equals("1"));
	}

	/**
	 * Builder for {@link ClientSecretCredential}.
	 */
	public static final class Builder {

		private @Nullable String tenantId;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable String authority;

		private List<String> additionallyAllowedTenants = List.of();

		private @Nullable TokenCachePersistenceOptions cachePersistenceOptions;

		private @Nullable WebClient webClient;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(10);

		private Duration totalTimeout = Duration.ofSeconds(60);

		private int maxRetries = RetryPolicy.DEFAULT.maxRetries();

		private Duration retryDelay = RetryPolicy.DEFAULT.baseDelay();

		private Duration maxRetryDelay = RetryPolicy.DEFAULT.maxDelay();

		private Duration maxRetryAfter = RetryPolicy.DEFAULT.maxRetryAfter();

		private int maxResponseBytes = 64 * 1024;

		private Duration refreshOffset = Duration.ofMinutes(5);

		private Duration refreshRetryDelay = Duration.ofSeconds(30);

		private int maxCacheEntries = 1000;

		private Scheduler scheduler = Schedulers.parallel();

		private CredentialEventListener eventListener = CredentialEventListener.NONE;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable TokenFetchObservationConvention observationConvention;

		private UnaryOperator<@Nullable String> environment = System::getenv;

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
		 * Set the client secret (its value, not its id).
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
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
		 * Set the connect timeout of the credential's own HTTP client (10 s by default).
		 * Ignored when a {@code WebClient} is supplied.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Set how long one attempt may wait for its whole response (10 s by default).
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = positive(responseTimeout, "responseTimeout");
			return this;
		}

		/**
		 * Set how long one token request may take across all attempts and retry delays
		 * (60 s by default).
		 * @param totalTimeout the timeout
		 * @return this builder
		 */
		public Builder totalTimeout(Duration totalTimeout) {
			this.totalTimeout = positive(totalTimeout, "totalTimeout");
			return this;
		}

		/**
		 * Set how many times a failed request is retried (3 by default).
		 * @param maxRetries the number of retries, 0 to disable
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0 || maxRetries > 10) {
				throw new IllegalArgumentException("maxRetries must be between 0 and 10 but was " + maxRetries);
			}
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
			this.retryDelay = positive(retryDelay, "retryDelay");
			return this;
		}

		/**
		 * Set the largest backoff delay (8 s by default).
		 * @param maxRetryDelay the delay
		 * @return this builder
		 */
		public Builder maxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = positive(maxRetryDelay, "maxRetryDelay");
			return this;
		}

		/**
		 * Set the largest {@code Retry-After} honoured (30 s by default); longer requests
		 * are shortened to it.
		 * @param maxRetryAfter the cap
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
			return this;
		}

		/**
		 * Set the largest response body read (64 KiB by default).
		 * @param maxResponseBytes the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseBytes(int maxResponseBytes) {
			if (maxResponseBytes < 1024) {
				throw new IllegalArgumentException(
						"maxResponseBytes must be at least 1024 but was " + maxResponseBytes);
			}
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
			this.refreshOffset = nonNegative(refreshOffset, "refreshOffset");
			return this;
		}

		/**
		 * Set how long to wait after a failed background refresh before the next one (30
		 * s by default).
		 * @param refreshRetryDelay the delay
		 * @return this builder
		 */
		public Builder refreshRetryDelay(Duration refreshRetryDelay) {
			this.refreshRetryDelay = nonNegative(refreshRetryDelay, "refreshRetryDelay");
			return this;
		}

		/**
		 * Set how many tokens the in-memory cache holds at most (1000 by default).
		 * @param maxCacheEntries the bound
		 * @return this builder
		 */
		public Builder maxCacheEntries(int maxCacheEntries) {
			if (maxCacheEntries < 1) {
				throw new IllegalArgumentException("maxCacheEntries must be at least 1 but was " + maxCacheEntries);
			}
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

		Builder environment(Map<String, String> environment) {
			this.environment = environment::get;
			return this;
		}

		/**
		 * Build the credential. Validates every setting; makes no network call.
		 * @return the credential
		 * @throws IllegalArgumentException if a setting is missing or invalid
		 */
		public ClientSecretCredential build() {
			return new ClientSecretCredential(this);
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive but was " + value);
			}
			return value;
		}

		private static Duration nonNegative(Duration value, String name) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative but was " + value);
			}
			return value;
		}

		@Override
		public String toString() {
			return "ClientSecretCredential.Builder[tenantId=" + this.tenantId + ", clientId=" + this.clientId
					+ ", clientSecret=" + ((this.clientSecret != null) ? "***" : "unset") + "]";
		}

	}

}
