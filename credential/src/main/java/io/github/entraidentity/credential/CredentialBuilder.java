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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.CacheFileCipher;
import io.github.entraidentity.credential.internal.CompositeEventListener;
import io.github.entraidentity.credential.internal.CredentialIdentity;
import io.github.entraidentity.credential.internal.EndpointSettings;
import io.github.entraidentity.credential.internal.PipelineSettings;
import io.github.entraidentity.credential.internal.RetryPolicy;
import io.github.entraidentity.credential.internal.SettingRules;
import io.github.entraidentity.credential.internal.SharedParallelScheduler;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.TokenFetchObservationConvention;
import io.github.entraidentity.credential.store.SharedTokenStore;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The settings every credential shares, whatever proves its identity: HTTP client and
 * timeouts, retries, the cache and where it persists or shares tokens, observation,
 * events, the scheduler and the environment. Each credential's builder extends it
 * (through {@link AppRegistrationCredentialBuilder} for app registrations) and adds only
 * its proof.
 *
 * @param <B> the concrete builder
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public abstract class CredentialBuilder<B extends CredentialBuilder<B>> {

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

	// Reactor's parallel scheduler, created on the first task rather than at build time
	private Scheduler scheduler = SharedParallelScheduler.INSTANCE;

	private CredentialEventListener eventListener = CredentialEventListener.NONE;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable TokenFetchObservationConvention observationConvention;

	private Function<String, @Nullable String> environment = System::getenv;

	// Package-private: the credential types of this library are the only subclasses
	CredentialBuilder() {
	}

	/**
	 * Persist tokens across restarts and processes.
	 * @param options the persistence options
	 * @return this builder
	 */
	public B cachePersistenceOptions(TokenCachePersistenceOptions options) {
		this.cachePersistenceOptions = options;
		return self();
	}

	/**
	 * Share tokens through the given store (L2) behind the in-memory cache, for example
	 * with the other instances of a fleet. Replaces the file cache of
	 * {@link #cachePersistenceOptions}. The credential closes the store when it is
	 * closed.
	 * @param store the store
	 * @return this builder
	 */
	public B sharedTokenStore(SharedTokenStore store) {
		this.sharedTokenStore = Objects.requireNonNull(store, "sharedTokenStore must not be null");
		return self();
	}

	/**
	 * Use the given {@code WebClient} for token requests. The credential never closes it;
	 * without one the credential creates and owns its own.
	 * @param webClient the client
	 * @return this builder
	 */
	public B webClient(WebClient webClient) {
		this.webClient = webClient;
		return self();
	}

	/**
	 * Use the given {@code WebClient}, built for this credential alone, for token
	 * requests and close the resources it runs on (such as its connection pool) when the
	 * credential is closed.
	 * @param webClient the client
	 * @param resources what the credential closes when it is closed
	 * @return this builder
	 */
	public B webClient(WebClient webClient, AutoCloseable resources) {
		this.webClient = webClient;
		this.ownedHttpResources = Objects.requireNonNull(resources, "resources must not be null");
		return self();
	}

	/**
	 * Set the connect timeout of the credential's own HTTP client (10 s by default).
	 * Ignored when a {@code WebClient} is supplied.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public B connectTimeout(Duration connectTimeout) {
		this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		return self();
	}

	/**
	 * Set how long one attempt may wait for its whole response (10 s by default).
	 * @param responseTimeout the timeout
	 * @return this builder
	 */
	public B responseTimeout(Duration responseTimeout) {
		this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout must not be null");
		return self();
	}

	/**
	 * Set how long one token request may take across all attempts and retry delays (60 s
	 * by default).
	 * @param totalTimeout the timeout
	 * @return this builder
	 */
	public B totalTimeout(Duration totalTimeout) {
		this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout must not be null");
		return self();
	}

	/**
	 * Set how many times a failed request is retried (3 by default).
	 * @param maxRetries the number of retries, 0 to disable, at most 10
	 * @return this builder
	 */
	public B maxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
		return self();
	}

	/**
	 * Set the delay before the first retry, doubled for each further one (800 ms by
	 * default).
	 * @param retryDelay the delay
	 * @return this builder
	 */
	public B retryDelay(Duration retryDelay) {
		this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay must not be null");
		return self();
	}

	/**
	 * Set the largest backoff delay (8 s by default).
	 * @param maxRetryDelay the delay
	 * @return this builder
	 */
	public B maxRetryDelay(Duration maxRetryDelay) {
		this.maxRetryDelay = Objects.requireNonNull(maxRetryDelay, "maxRetryDelay must not be null");
		return self();
	}

	/**
	 * Set the largest {@code Retry-After} honoured (30 s by default); longer requests are
	 * shortened to it.
	 * @param maxRetryAfter the cap
	 * @return this builder
	 */
	public B maxRetryAfter(Duration maxRetryAfter) {
		this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
		return self();
	}

	/**
	 * Set the largest response body read (64 KiB by default, at least 1 KiB, at most 1
	 * MiB).
	 * @param maxResponseBytes the size in bytes
	 * @return this builder
	 */
	public B maxResponseBytes(int maxResponseBytes) {
		this.maxResponseBytes = maxResponseBytes;
		return self();
	}

	/**
	 * Set how long before expiry a token without a server-sent refresh time is refreshed
	 * (5 minutes by default). Short-lived tokens are refreshed at half their lifetime at
	 * the earliest.
	 * @param refreshOffset the offset
	 * @return this builder
	 */
	public B refreshOffset(Duration refreshOffset) {
		this.refreshOffset = Objects.requireNonNull(refreshOffset, "refreshOffset must not be null");
		return self();
	}

	/**
	 * Set how long to wait after a failed background refresh before the next one (30 s by
	 * default).
	 * @param refreshRetryDelay the delay
	 * @return this builder
	 */
	public B refreshRetryDelay(Duration refreshRetryDelay) {
		this.refreshRetryDelay = Objects.requireNonNull(refreshRetryDelay, "refreshRetryDelay must not be null");
		return self();
	}

	/**
	 * Set how many tokens the in-memory cache holds at most (10,000 by default, at least
	 * 1): tenants × scope sets × claims variants in use. When a new key finds the cache
	 * full, the least recently used entry goes.
	 * @param maxCacheEntries the bound
	 * @return this builder
	 */
	public B maxCacheEntries(int maxCacheEntries) {
		this.maxCacheEntries = maxCacheEntries;
		return self();
	}

	/**
	 * Set the scheduler for timeouts, retry delays and the credential's clock; tests pass
	 * a {@code VirtualTimeScheduler}.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public B scheduler(Scheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
		return self();
	}

	/**
	 * Add a listener for cache, fetch and client authentication events; listeners added
	 * earlier keep receiving events.
	 * @param eventListener the listener
	 * @return this builder
	 */
	public B eventListener(CredentialEventListener eventListener) {
		Objects.requireNonNull(eventListener, "eventListener must not be null");
		this.eventListener = (this.eventListener == CredentialEventListener.NONE) ? eventListener
				: CompositeEventListener.of(this.eventListener, eventListener);
		return self();
	}

	/**
	 * Set the registry that observes each token request as {@code identity.token.fetch}
	 * (a timer with any meter handler, a span with tracing). No observations by default.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public B observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
		return self();
	}

	/**
	 * Set a custom convention for the {@code identity.token.fetch} observation.
	 * @param observationConvention the convention
	 * @return this builder
	 */
	public B observationConvention(TokenFetchObservationConvention observationConvention) {
		this.observationConvention = Objects.requireNonNull(observationConvention,
				"observationConvention must not be null");
		return self();
	}

	/**
	 * Set where the credential reads the Azure SDK's environment variables, such as
	 * {@code AZURE_AUTHORITY_HOST} (the authority when none is set) and
	 * {@code AZURE_IDENTITY_DISABLE_MULTITENANTAUTH} ({@code true} or {@code 1} refuses
	 * tokens for any tenant but the configured one). {@code System::getenv} by default;
	 * frameworks pass their own view of the environment, as the Spring Boot
	 * auto-configuration passes the Spring {@code Environment}.
	 * @param environment a function from a variable's name to its value, or {@code null}
	 * when it is not set
	 * @return this builder
	 */
	public B environment(Function<String, @Nullable String> environment) {
		this.environment = Objects.requireNonNull(environment, "environment must not be null");
		return self();
	}

	B environment(Map<String, String> environment) {
		return environment((Function<String, @Nullable String>) environment::get);
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Return the value of an environment variable.
	 * @param name the variable
	 * @return its value, or {@code null} when it is not set
	 */
	@Nullable String environmentVariable(String name) {
		return this.environment.apply(name);
	}

	/**
	 * Return the scheduler: the credential's clock and the timer of its waits.
	 * @return the scheduler
	 */
	Scheduler clock() {
		return this.scheduler;
	}

	/**
	 * Return the listener of the credential's events, all listeners added combined.
	 * @return the listener
	 */
	/**
	 * Return the scheduler set, for the parts of a credential that time their waits.
	 * @return the scheduler
	 */
	Scheduler scheduler() {
		return this.scheduler;
	}

	CredentialEventListener eventListener() {
		return this.eventListener;
	}

	/**
	 * Check the shared settings. Setters refuse null; everything else is collected here
	 * so that one report lists every problem.
	 * @param problems collects the problems
	 */
	void checkShared(List<InvalidSetting> problems) {
		SettingRules.positive(this.connectTimeout, "connectTimeout", problems);
		SettingRules.positive(this.responseTimeout, "responseTimeout", problems);
		SettingRules.positive(this.totalTimeout, "totalTimeout", problems);
		SettingRules.between(this.maxRetries, 0, CredentialDefaults.MAX_RETRIES_LIMIT, "", "maxRetries",
				"Use 0 to disable retries, or up to " + CredentialDefaults.MAX_RETRIES_LIMIT + ".", problems);
		SettingRules.positive(this.retryDelay, "retryDelay", problems);
		SettingRules.positive(this.maxRetryDelay, "maxRetryDelay", problems);
		SettingRules.positive(this.maxRetryAfter, "maxRetryAfter", problems);
		SettingRules.between(this.maxResponseBytes, CredentialDefaults.MIN_RESPONSE_BYTES,
				CredentialDefaults.MAX_RESPONSE_BYTES_LIMIT, " bytes", "maxResponseBytes",
				"Keep the default (" + CredentialDefaults.MAX_RESPONSE_BYTES + "); token responses are a few KiB.",
				problems);
		SettingRules.nonNegative(this.refreshOffset, "refreshOffset", problems);
		SettingRules.nonNegative(this.refreshRetryDelay, "refreshRetryDelay", problems);
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
	}

	/**
	 * Whether a shared token store (such as Redis) is set, for the checks of builders
	 * whose identity may not be shared across processes.
	 * @return whether {@link #sharedTokenStore(SharedTokenStore)} was called
	 */
	boolean hasSharedTokenStore() {
		return this.sharedTokenStore != null;
	}

	/**
	 * Return the class of the credential this builder builds, such as
	 * {@code ClientSecretCredential.class}, so that what is set up for a credential
	 * before it is built (its meters, for example) can tell credential types apart.
	 * @return the credential class
	 */
	public abstract Class<? extends EntraCredential> credentialType();

	/**
	 * Return the pipeline settings of a credential whose settings passed their checks.
	 * @param identity whose tokens the credential requests and where from
	 * @return the settings
	 */
	PipelineSettings pipelineSettings(CredentialIdentity identity) {
		EndpointSettings endpoint = new EndpointSettings(this.responseTimeout, this.totalTimeout, this.maxResponseBytes,
				new RetryPolicy(this.maxRetries, this.retryDelay, this.maxRetryDelay, this.maxRetryAfter));
		return new PipelineSettings(credentialType(), identity, this.webClient, this.ownedHttpResources,
				this.connectTimeout, endpoint, this.cachePersistenceOptions, this.sharedTokenStore, this.refreshOffset,
				this.refreshRetryDelay, this.maxCacheEntries, this.scheduler, this.eventListener,
				this.observationRegistry, this.observationConvention);
	}

}
