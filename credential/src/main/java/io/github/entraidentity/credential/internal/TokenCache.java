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
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * In-memory token cache with single-flight fetches and refresh that never makes a caller
 * wait while a valid token exists.
 * <ul>
 * <li>A token is fresh until its refresh point (see {@link CachedToken#of}): fresh tokens
 * are served with no I/O.</li>
 * <li>Between the refresh point and expiry, callers get the cached token at once and one
 * background refresh runs; after it fails the next attempt waits for the refresh retry
 * delay, whatever the refresh point was.</li>
 * <li>Without a valid token, callers of one key share one fetch and its outcome; the
 * fetch is not cancelled when they cancel.</li>
 * <li>Bounded to {@link TokenCacheSettings#maxEntries()} keys. Expired entries are
 * dropped at most once a minute when a new key arrives. When a new key finds the cache
 * full, the least recently used entries go first: expired entries and idle ones (not used
 * in the current or the previous use period) before entries used in the previous period,
 * and those before entries used in the current one; within a period, entries used once
 * (such as a new key's) before entries used again, so a key in use is not evicted while
 * idle or one-off keys remain, even when more new keys arrive in a period than the cache
 * holds. A use period lasts at least {@value #USE_PERIOD_MILLIS} ms and a new one starts
 * only when a new key arrives; lookups by key copy the period's number into their entry,
 * writing at most twice a period per entry (first use, second use) and never reading the
 * clock for it. The configured tenant's single-scope entries, which the allocation-free
 * hot path finds without a key, are not stamped (that path stays as it was) and count as
 * in use: they go last. Eviction walks the entries with a hand that resumes where it
 * stopped, which makes evicting one entry cost little on average however many entries
 * there are. Entries whose fetch is still running, and entries without a valid token that
 * a caller took in the last {@value #IN_USE_MILLIS} ms, are kept, so concurrent first
 * requests may briefly exceed the bound.</li>
 * <li>After Entra answered a miss's fetch with an error (a revoked or wrong secret, an
 * unknown client or scope), further misses of that key fail at once with the same error
 * for {@value #FAILED_MISS_BACKOFF_MILLIS} ms, doubled after each further rejection up to
 * {@value #MAX_FAILED_MISS_BACKOFF_MILLIS} ms: retrying at once cannot help, and callers
 * (or an anonymous health probe) must not be able to push the app registration into
 * Entra's throttling. A fixed secret is therefore used within that period at the latest;
 * a secret rotated before the rejection is found by the fetch itself, which reads the
 * source again. Claims requests (limited on their own), other keys and transport failures
 * are not held back.</li>
 * </ul>
 *
 * @author Entra Identity contributors
 */
public final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	private static final long SWEEP_INTERVAL_MILLIS = 60_000;

	/**
	 * Shortest use period: the granularity at which eviction tells recently used entries
	 * from idle ones.
	 */
	static final long USE_PERIOD_MILLIS = 1_000;

	/**
	 * How long an entry without a valid token counts as in use after a caller took it:
	 * the caller is about to join or start its fetch, and removing the entry in between
	 * would leave the fetched token in an entry nobody finds, so the next caller fetches
	 * again.
	 */
	private static final long IN_USE_MILLIS = 10_000;

	/**
	 * How long before a token's refresh point hits go back to reading the clock: the
	 * latitude a busy scheduler has to run the timer late without any hit being served
	 * past the refresh point.
	 */
	static final long KNOWN_FRESH_LEAD_MILLIS = 1_000;

	/**
	 * The least time between refresh point and expiry for a token to be served without
	 * the clock: short-lived tokens always read it.
	 */
	static final long KNOWN_FRESH_MIN_MARGIN_MILLIS = 30_000;

	/**
	 * How long one clock reading serves lookups by key: until a timer ends the period,
	 * they take the time as before its end. One timer per cache at most, and none while
	 * nothing is looked up by key.
	 */
	static final long CLOCK_FREE_PERIOD_MILLIS = 1_000;

	/**
	 * How long misses fail fast after Entra rejected a key's fetch.
	 */
	static final long FAILED_MISS_BACKOFF_MILLIS = 5_000;

	/**
	 * Longest period misses fail fast after repeated rejections.
	 */
	static final long MAX_FAILED_MISS_BACKOFF_MILLIS = 60_000;

	// Fetch outcomes go to the credential's category, where successes are logged too, so
	// that one logging setting or filter sees both.
	private final Log fetchLogger;

	private final String credentialName;

	private final Fetcher fetcher;

	private final @Nullable SharedTokenStore store;

	private final String authority;

	private final String clientId;

	private final Scheduler scheduler;

	private final long refreshOffsetMillis;

	private final long refreshRetryDelayMillis;

	private final int maxEntries;

	private final CredentialEventListener listener;

	private final String defaultTenant;

	private final ConcurrentHashMap<TokenKey, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Entries for the configured tenant, one scope and no CAE, keyed by that scope: the
	 * common call {@code getToken("scope")} finds its entry without allocating a key.
	 */
	private final ConcurrentHashMap<String, Entry> singleScopeEntries = new ConcurrentHashMap<>();

	/**
	 * Guards the sweep, the use period and the eviction hand: only callers with a new key
	 * take it.
	 */
	private final Object evictionLock = new Object();

	private long nextSweepMillis;

	/**
	 * The current use period's number, which hits copy into their entry.
	 */
	private volatile int usePeriod;

	private long usePeriodEndsAtMillis;

	/**
	 * Where eviction resumes; a new iterator starts the next round.
	 */
	private Iterator<Entry> evictionHand = Collections.emptyIterator();

	/**
	 * The highest last-use period that eviction may take entries of, in
	 * {@link #evictionPeriod}: raised when a full round found none, reset with each new
	 * use period.
	 */
	private int evictableUpTo;

	private int evictionPeriod = -1;

	/**
	 * A time the clock has not reached while a timer that resets it to 0 is pending, or
	 * 0: lookups by key compare refresh points with it instead of reading the clock.
	 */
	private final AtomicLong clockBound = new AtomicLong();

	private volatile @Nullable Disposable clockBoundTimer;

	private volatile boolean closed;

	private final SingleFlight<TokenKey, CachedToken> fetches = new SingleFlight<>();

	private final SingleFlight<ClaimsKey, CachedToken> claimsFetches = new SingleFlight<>();

	/**
	 * This cache's part of the shared store's lock owner ids, random so that it is unique
	 * in the fleet; a counter makes each acquisition's id its own. Without a shared store
	 * there are no locks, and no random number generator to seed at startup.
	 */
	private final String lockOwner;

	private final AtomicLong lockAcquisitions = new AtomicLong();

	TokenCache(Fetcher fetcher, TokenCacheSettings settings) {
		this.fetcher = fetcher;
		this.store = settings.store();
		this.lockOwner = (this.store != null) ? UUID.randomUUID() + ":" : "";
		this.authority = settings.authority();
		this.clientId = settings.clientId();
		this.scheduler = settings.scheduler();
		this.defaultTenant = settings.defaultTenant();
		this.refreshOffsetMillis = settings.refreshOffset().toMillis();
		this.refreshRetryDelayMillis = settings.refreshRetryDelay().toMillis();
		this.maxEntries = settings.maxEntries();
		this.listener = settings.eventListener();
		this.credentialName = settings.credentialName();
		this.fetchLogger = settings.fetchLogger();
	}

	/**
	 * Return the token publisher of the configured tenant's non-CAE entry for one scope,
	 * if that entry exists.
	 * @param scope the scope
	 * @return the publisher or {@code null}
	 */
	@Nullable Mono<AccessToken> cachedPublisher(String scope) {
		Entry entry = this.singleScopeEntries.get(scope);
		return (entry != null) ? entry.publisher : null;
	}

	/**
	 * Return the configured tenant's non-CAE token for one scope if it is cached and
	 * fresh, after checking that the calling thread may block: the blocking callers' hot
	 * path, which allocates nothing. Credentials call it directly rather than through
	 * their pipeline: on a path of a few nanoseconds, the one load less is measurable.
	 * @param scope the scope
	 * @return the token or {@code null} when the pipeline must be asked
	 * @throws IllegalStateException on a thread that must not block
	 */
	public @Nullable AccessToken freshTokenSync(@Nullable String scope) {
		requireBlockingAllowed();
		return (scope != null) ? freshToken(scope) : null;
	}

	/**
	 * Fail on a thread that must not block. Waiting there would stall an event loop, and
	 * with it the very response being waited for: blocking callers are checked before the
	 * cache is read, so the mistake shows on the first call rather than on the first
	 * cache miss.
	 */
	void requireBlockingAllowed() {
		if (NonBlockingThreads.isNonBlocking(Thread.currentThread())) {
			throw blockingNotAllowed();
		}
	}

	// Apart from the check, so the hot path stays small enough to inline into callers
	private IllegalStateException blockingNotAllowed() {
		return new IllegalStateException(this.credentialName + ".getTokenSync must not be called on the"
				+ " non-blocking thread " + Thread.currentThread().getName() + "; use the reactive "
				+ this.credentialName + ".getToken(...) there, which returns a Mono");
	}

	/**
	 * Return the configured tenant's non-CAE token for one scope if it is cached and
	 * fresh: the blocking callers' hot path, which allocates nothing.
	 * @param scope the scope
	 * @return the token or {@code null}
	 */
	@Nullable AccessToken freshToken(String scope) {
		Entry entry = this.singleScopeEntries.get(scope);
		return (entry != null) ? freshToken(entry) : null;
	}

	/**
	 * Return whether the cache holds an entry for the key, without recording a use.
	 * @param key the key
	 * @return whether it holds one
	 */
	boolean contains(TokenKey key) {
		return this.entries.containsKey(key);
	}

	/**
	 * Return the token for the key if the cache holds an entry for it and its token is
	 * fresh, recording the use of a held entry. Unlike
	 * {@link #freshToken(TokenKey, List)} it never creates an entry, so it may be asked
	 * with a key whose tenant is not yet known to be valid.
	 * @param key the key
	 * @return the token, or {@code null} when the entry is missing or its token is not
	 * fresh
	 */
	@Nullable AccessToken freshTokenIfHeld(TokenKey key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? freshToken(recordUse(entry)) : null;
	}

	/**
	 * Return the token publisher of the key's entry if the cache holds one, recording the
	 * use; never creates an entry.
	 * @param key the key
	 * @return the publisher, or {@code null} when the cache holds no entry for the key
	 */
	@Nullable Mono<AccessToken> publisherIfHeld(TokenKey key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? recordUse(entry).publisher : null;
	}

	/**
	 * Return the token for the key if it is cached and fresh.
	 * @param key the key
	 * @param scopes the scopes in the caller's order, used if the entry is created
	 * @return the token or {@code null}
	 */
	@Nullable AccessToken freshToken(TokenKey key, List<String> scopes) {
		return freshToken(usedEntry(key, scopes));
	}

	private @Nullable AccessToken freshToken(Entry entry) {
		CachedToken token = freshCachedToken(entry);
		if (token == null) {
			return null;
		}
		this.listener.cacheAccessed(CacheResult.HIT);
		return token.token();
	}

	/**
	 * Return the entry's token if it is fresh, for blocking and reactive lookups alike:
	 * known fresh without the clock (the hot path's entries), fresh until well after the
	 * clock bound (lookups by key), or fresh at the clock's time.
	 */
	private @Nullable CachedToken freshCachedToken(Entry entry) {
		CachedToken token = entry.knownFresh;
		if (token != null) {
			return token;
		}
		token = entry.token;
		return (token != null && (isFreshBeforeClockBound(token) || token.isFreshAt(readClockForLookups()))) ? token
				: null;
	}

	/**
	 * Whether the token is fresh until well after the clock bound, with the same latitude
	 * for a late timer as the clock-free period of the hot path's entries. Reading the
	 * clock costs about as much as the rest of a lookup by key, and it waits for the
	 * loads before it, so lookups of many keys can no longer overlap their cache misses:
	 * it halved the throughput at 1 and 100,000 tenants alike.
	 */
	private boolean isFreshBeforeClockBound(CachedToken token) {
		long bound = this.clockBound.get();
		return bound != 0 && token.refreshAtMillis() - KNOWN_FRESH_LEAD_MILLIS > bound && hasWideRefreshMargin(token);
	}

	/**
	 * Whether a timer that runs later than {@link #KNOWN_FRESH_LEAD_MILLIS} still leaves
	 * the token valid for long: only such tokens are served without the clock.
	 */
	private static boolean hasWideRefreshMargin(CachedToken token) {
		return token.expiresAtMillis() - token.refreshAtMillis() >= KNOWN_FRESH_MIN_MARGIN_MILLIS;
	}

	/**
	 * Read the clock, and unless a clock-free period is running, start one: the bound is
	 * set before its timer is scheduled, so the timer cannot reset it before it is set.
	 */
	private long readClockForLookups() {
		long now = now();
		long bound = now + CLOCK_FREE_PERIOD_MILLIS;
		if (!this.closed && this.clockBound.get() == 0 && this.clockBound.compareAndSet(0, bound)) {
			Scheduler.Worker timer = this.scheduler.createWorker();
			this.clockBoundTimer = timer;
			try {
				timer.schedule(() -> {
					this.clockBound.set(0);
					timer.dispose();
				}, CLOCK_FREE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
				if (this.closed) {
					// closed meanwhile: leave no task on the scheduler
					timer.dispose();
					this.clockBound.set(0);
				}
			}
			catch (RejectedExecutionException ex) {
				this.clockBound.set(0);
			}
		}
		return now;
	}

	/**
	 * Return the key's entry, recording that it was used in the current use period: one
	 * read of the period and, once a period, one write, so lookups by many threads do not
	 * contend on it. The configured tenant's single-scope entries, which the hot path
	 * finds without a key, are not stamped: eviction counts them as in use instead.
	 */
	private Entry usedEntry(TokenKey key, List<String> scopes) {
		Entry entry = this.entries.get(key);
		// A new entry is stamped with its period as used once
		return (entry != null) ? recordUse(entry) : entry(key, scopes);
	}

	private Entry recordUse(Entry entry) {
		int period = this.usePeriod;
		if (entry.usedInPeriod != period) {
			entry.usedInPeriod = period;
		}
		else if (entry.usedAgainInPeriod != period) {
			entry.usedAgainInPeriod = period;
		}
		return entry;
	}

	/**
	 * Return a lazy publisher of a token for the key, served from the cache when fresh.
	 * @param key the key
	 * @param scopes the scopes in the caller's order, used if a request is sent
	 * @return the publisher
	 */
	Mono<AccessToken> get(TokenKey key, List<String> scopes) {
		return usedEntry(key, scopes).publisher;
	}

	/**
	 * Return the lazy publisher of the key's token after
	 * {@link #freshToken(TokenKey, List)} found none: that lookup recorded the use, so
	 * this one does not (counted twice, a one-off key would look like a key in use to
	 * eviction).
	 * @param key the key
	 * @param scopes the scopes in the caller's order, used if a request is sent
	 * @return the publisher
	 */
	Mono<AccessToken> getAfterMiss(TokenKey key, List<String> scopes) {
		return entry(key, scopes).publisher;
	}

	/**
	 * Return a publisher that always fetches a token with claims, and replaces the cached
	 * token for the key with it.
	 * @param key the key
	 * @param scopes the scopes in the caller's order
	 * @param claims the {@code claims} form field
	 * @return the publisher
	 */
	Mono<AccessToken> getWithClaims(TokenKey key, List<String> scopes, String claims) {
		Entry entry = usedEntry(key, scopes);
		return Mono.defer(() -> {
			this.listener.cacheAccessed(CacheResult.BYPASS);
			return this.claimsFetches.join(new ClaimsKey(key, claims), () -> load(entry, claims, false));
		}).map(CachedToken::token);
	}

	/**
	 * Return the cached tokens that have not expired.
	 * @return a snapshot of keys and tokens
	 */
	Map<TokenKey, CachedToken> validTokens() {
		long now = now();
		Map<TokenKey, CachedToken> result = new LinkedHashMap<>();
		this.entries.forEach((key, entry) -> {
			CachedToken token = entry.token;
			if (token != null && token.isValidAt(now)) {
				result.put(key, token);
			}
		});
		return result;
	}

	int size() {
		return this.entries.size();
	}

	private Entry entry(TokenKey key, List<String> scopes) {
		Entry entry = this.entries.get(key);
		if (entry != null) {
			return entry;
		}
		long now = now();
		int period = makeRoom(now);
		boolean hotPath = !key.cae() && key.scopes().size() == 1 && key.tenantId().equals(this.defaultTenant);
		Entry created = new Entry(key, scopes, now, period, hotPath);
		entry = this.entries.putIfAbsent(key, created);
		if (entry != null) {
			return entry;
		}
		if (hotPath) {
			this.singleScopeEntries.put(key.scopes().iterator().next(), created);
		}
		return created;
	}

	/**
	 * Start a new use period if the current one is over, drop expired entries at most
	 * once a minute, and evict the least recently used entries while the cache is full.
	 * @return the current use period
	 */
	private int makeRoom(long now) {
		synchronized (this.evictionLock) {
			if (now >= this.usePeriodEndsAtMillis) {
				this.usePeriod++;
				this.usePeriodEndsAtMillis = now + USE_PERIOD_MILLIS;
			}
			if (now >= this.nextSweepMillis) {
				this.nextSweepMillis = now + SWEEP_INTERVAL_MILLIS;
				removeExpired(now);
			}
			int period = this.usePeriod;
			if (this.entries.size() >= this.maxEntries) {
				evictLeastRecentlyUsed(period, now);
			}
			return period;
		}
	}

	private void removeExpired(long now) {
		this.entries.values().removeIf((entry) -> {
			CachedToken token = entry.token;
			boolean expired = token == null || !token.isValidAt(now);
			if (expired && !isPinned(entry, now)) {
				discarded(entry);
				return true;
			}
			return false;
		});
	}

	/**
	 * Evict until the cache has room: first entries expired or idle (last used before the
	 * previous period), then those last used in the previous period (used once before
	 * used again), then those used once in the current period, then any. A round of the
	 * hand that finds none of a kind rules it out until the next period, so a cache full
	 * of entries in use costs at most five rounds a period, not one per new key.
	 */
	private void evictLeastRecentlyUsed(int period, long now) {
		if (this.evictionPeriod != period) {
			this.evictionPeriod = period;
			this.evictableUpTo = recency(period - 2, true);
		}
		while (this.entries.size() >= this.maxEntries && this.evictableUpTo <= recency(period, true)) {
			Entry victim = nextEvictable(this.evictableUpTo, now);
			if (victim == null) {
				this.evictableUpTo++;
			}
			else if (this.entries.remove(victim.key, victim)) {
				discarded(victim);
			}
		}
	}

	/**
	 * Move the hand at most one round to the next entry that may be evicted.
	 */
	private @Nullable Entry nextEvictable(int recencyUpTo, long now) {
		for (int visited = 0, size = this.entries.size(); visited <= size; visited++) {
			if (!this.evictionHand.hasNext()) {
				this.evictionHand = this.entries.values().iterator();
				if (!this.evictionHand.hasNext()) {
					return null;
				}
			}
			Entry entry = this.evictionHand.next();
			if (isPinned(entry, now)) {
				continue;
			}
			CachedToken token = entry.token;
			boolean valid = token != null && token.isValidAt(now);
			int recency = entry.hotPath ? recency(this.usePeriod, true)
					: recency(entry.usedInPeriod, entry.usedAgainInPeriod == entry.usedInPeriod);
			if (!valid || recency <= recencyUpTo) {
				return entry;
			}
		}
		return null;
	}

	/**
	 * How recently an entry was used, in the order eviction takes entries: by period, and
	 * within a period used once before used again.
	 */
	private static int recency(int period, boolean usedAgain) {
		return 2 * period + (usedAgain ? 1 : 0);
	}

	/**
	 * Whether eviction must keep the entry: its fetch is running, or it has no valid
	 * token and a caller took it a moment ago (to join or start a fetch).
	 */
	private boolean isPinned(Entry entry, long now) {
		if (this.fetches.isRunning(entry.key)) {
			return true;
		}
		CachedToken token = entry.token;
		boolean valid = token != null && token.isValidAt(now);
		return !valid && now - entry.missedAtMillis < IN_USE_MILLIS;
	}

	/**
	 * Forget a removed entry: its single-scope alias, and its timer, which would
	 * otherwise keep it reachable until the timer ran. A publisher still held by a caller
	 * goes back to reading the clock.
	 */
	private void discarded(Entry entry) {
		forgetSingleScope(entry);
		entry.knownFresh = null;
		Disposable timer = entry.knownFreshTimer;
		if (timer != null) {
			timer.dispose();
		}
	}

	private void forgetSingleScope(Entry entry) {
		if (entry.key.scopes().size() == 1) {
			this.singleScopeEntries.remove(entry.key.scopes().iterator().next(), entry);
		}
	}

	private Mono<AccessToken> resolve(Entry entry, long now) {
		CachedToken token = entry.token;
		if (token != null && token.isValidAt(now)) {
			this.listener.cacheAccessed(CacheResult.REFRESHING);
			refreshInBackground(entry, now);
			return Mono.just(token.token());
		}
		this.listener.cacheAccessed(CacheResult.MISS);
		entry.missedAtMillis = now;
		FailedMiss failed = entry.failedMiss;
		if (failed != null && now < failed.retryAtMillis()) {
			return Mono.error(failed.repeat());
		}
		return this.fetches.join(entry.key, () -> reuseOrLoad(entry)).map(CachedToken::token);
	}

	// A caller that saw no valid token can reach the single flight just after the fetch
	// that stored one has left it (many virtual threads on few carriers make that window
	// real): it then takes the stored token instead of starting a second request.
	private Mono<CachedToken> reuseOrLoad(Entry entry) {
		CachedToken token = entry.token;
		if (token != null && token.isValidAt(now())) {
			return Mono.just(token);
		}
		return load(entry, null, false);
	}

	private void refreshInBackground(Entry entry, long now) {
		if (now < entry.nextRefreshAttemptMillis) {
			return;
		}
		this.fetches.startIfIdle(entry.key, () -> load(entry, null, true));
	}

	/**
	 * Load a token: from the shared store when it holds a fresh one, else from the
	 * network, under the store's fetch lock. Claims always go to the network.
	 */
	private Mono<CachedToken> load(Entry entry, @Nullable String claims, boolean background) {
		Mono<CachedToken> network = this.fetcher.fetch(entry.key, entry.scopes, claims)
			.map((token) -> CachedToken.of(token, now(), this.refreshOffsetMillis))
			.doOnNext((token) -> store(entry, token))
			.doOnError((ex) -> onFetchFailure(entry, ex, background, claims != null));
		SharedTokenStore store = this.store;
		if (store == null) {
			return network;
		}
		SharedTokenKey sharedKey = SharedTokens.toSharedKey(this.authority, this.clientId, entry.key);
		Mono<CachedToken> networkThenShare = network.flatMap((token) -> write(store, sharedKey, token));
		if (claims != null) {
			return networkThenShare;
		}
		long leaseMillis = store.lockLease().toMillis();
		return loadShared(entry, store, sharedKey, networkThenShare, now() + leaseMillis);
	}

	/**
	 * Read the shared store; without a usable token there, fetch under the store's lock,
	 * or wait for the lock holder's token by reading again. Waiting is bounded by one
	 * lease: the holder's lock ends by then, and a lock that does not (set by something
	 * else than a credential, or taken again and again) costs a waiter one lease, after
	 * which it fetches whatever the store says.
	 */
	private Mono<CachedToken> loadShared(Entry entry, SharedTokenStore store, SharedTokenKey sharedKey,
			Mono<CachedToken> networkThenShare, long waitDeadlineMillis) {
		// Another instance can write its token and release the lock between this
		// instance's read and its lock: the holder reads once more before it fetches, so
		// the fleet still makes one request per refresh
		Mono<CachedToken> fetchUnlessStored = readUsable(entry, store, sharedKey).switchIfEmpty(networkThenShare);
		Mono<CachedToken> fetchUnderLock = Mono.defer(() -> {
			// An id per acquisition: one whose lease ran out must not release the lock of
			// the next, even when the next is another credential of this process
			String owner = this.lockOwner + this.lockAcquisitions.incrementAndGet();
			return safe(store.tryLock(sharedKey, owner), "lock").defaultIfEmpty(true).flatMap((acquired) -> {
				if (acquired) {
					return fetchUnlessStored
						.flatMap((token) -> safe(store.unlock(sharedKey, owner), "unlock").thenReturn(token))
						.onErrorResume((ex) -> safe(store.unlock(sharedKey, owner), "unlock").then(Mono.error(ex)));
				}
				if (now() >= waitDeadlineMillis) {
					return networkThenShare;
				}
				return Mono.delay(Duration.ofMillis(lockPollMillis(store)), this.scheduler)
					.then(Mono.defer(() -> loadShared(entry, store, sharedKey, networkThenShare, waitDeadlineMillis)));
			});
		});
		return readUsable(entry, store, sharedKey).switchIfEmpty(fetchUnderLock);
	}

	/**
	 * Read the shared store and take its token when it is fresh and newer than the
	 * entry's.
	 */
	private Mono<CachedToken> readUsable(Entry entry, SharedTokenStore store, SharedTokenKey sharedKey) {
		return safe(store.read(sharedKey), "read").map(SharedTokens::toCached)
			.filter((token) -> token.isFreshAt(now()) && isPlausible(token) && isNewer(token, entry.token))
			// Another credential, process or instance of the fleet refreshed it already
			.doOnNext((token) -> store(entry, token));
	}

	private static long lockPollMillis(SharedTokenStore store) {
		return Math.max(10, Math.min(100, store.lockLease().toMillis() / 20));
	}

	/**
	 * A store may say anything: a token valid for longer than any response could make it
	 * is not one a credential stored.
	 */
	private boolean isPlausible(CachedToken token) {
		return token.expiresAtMillis() - now() <= TokenResponseParser.MAX_EXPIRES_IN_SECONDS * 1000;
	}

	private Mono<CachedToken> write(SharedTokenStore store, SharedTokenKey sharedKey, CachedToken token) {
		return safe(store.write(sharedKey, SharedTokens.toShared(token)), "write").thenReturn(token);
	}

	/**
	 * A store reports its own failures; the cache carries on as if it held nothing.
	 */
	private <T> Mono<T> safe(Mono<T> call, String what) {
		return Mono.defer(() -> call).onErrorResume((ex) -> {
			logger.debug("Shared token store " + what + " failed: " + ex.getMessage());
			return Mono.empty();
		});
	}

	private static boolean isNewer(CachedToken candidate, @Nullable CachedToken current) {
		return current == null || candidate.expiresAtMillis() > current.expiresAtMillis();
	}

	/**
	 * Log a failed fetch once, however many callers share it. A failed background refresh
	 * also closes the refresh gate for the retry delay, so a failing endpoint sees one
	 * attempt per delay instead of one per call.
	 */
	private void onFetchFailure(Entry entry, Throwable ex, boolean background, boolean claims) {
		long now = now();
		CachedToken current = entry.token;
		boolean keepsServing = background && current != null && current.isValidAt(now);
		if (keepsServing) {
			entry.nextRefreshAttemptMillis = now + this.refreshRetryDelayMillis;
		}
		if (!background && !claims && ex instanceof ClientAuthenticationException rejection
				&& FailedMiss.isRejection(rejection)) {
			entry.failedMiss = FailedMiss.after(entry.failedMiss, rejection, now);
		}
		if (ex instanceof CredentialUnavailableException) {
			// Not a failed request: the credential was closed or cannot be used.
			this.fetchLogger.debug(this.credentialName + ".getToken failed: " + ex.getMessage());
		}
		else if (keepsServing) {
			this.fetchLogger.warn("Background token refresh for tenant " + entry.key.tenantId() + " and scopes "
					+ entry.scopes + " failed; the cached token stays in use until it expires at "
					+ Instant.ofEpochMilli(current.expiresAtMillis()) + " and the next attempt is in "
					+ (this.refreshRetryDelayMillis / 1000) + " s: " + ex.getMessage());
		}
		else {
			this.fetchLogger.warn(this.credentialName + ".getToken failed for tenant " + entry.key.tenantId()
					+ " and scopes " + entry.scopes + ": " + ex.getMessage());
		}
	}

	private void store(Entry entry, CachedToken token) {
		entry.token = token;
		entry.nextRefreshAttemptMillis = 0;
		entry.failedMiss = null;
		markKnownFresh(entry, token);
	}

	/**
	 * Let hits take the token without reading the clock until shortly before its refresh
	 * point. Reading the clock costs more than the rest of a hit, so a timer on the
	 * credential's scheduler ends the clock-free period instead,
	 * {@link #KNOWN_FRESH_LEAD} before the refresh point; from then on hits read the
	 * clock as before, which decides the refresh point itself. Only tokens with a wide
	 * margin between refresh point and expiry take this path, and a scheduler that
	 * refuses the timer leaves the token on the clock path. Only the hot path's entries
	 * (the configured tenant, one scope) get it: a timer per entry would cost a cache of
	 * 100,000 tenants as many pending tasks and a few hundred bytes each. Lookups by key
	 * share one clock reading per {@value #CLOCK_FREE_PERIOD_MILLIS} ms instead (see
	 * {@link #isFreshBeforeClockBound}).
	 */
	private void markKnownFresh(Entry entry, CachedToken token) {
		Disposable previous = entry.knownFreshTimer;
		if (previous != null) {
			previous.dispose();
		}
		entry.knownFresh = null;
		long until = token.refreshAtMillis() - KNOWN_FRESH_LEAD_MILLIS;
		long delay = until - now();
		if (!entry.hotPath || delay <= 0 || !hasWideRefreshMargin(token)) {
			return;
		}
		entry.knownFresh = token;
		// A worker of its own: a timer, not one of the waits (retries, timeouts) the
		// credential schedules on the scheduler itself
		Scheduler.Worker timer = this.scheduler.createWorker();
		entry.knownFreshTimer = timer;
		try {
			timer.schedule(() -> {
				// a newer token's period is its own timer's to end
				if (entry.knownFresh == token) {
					entry.knownFresh = null;
				}
				timer.dispose();
			}, delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			entry.knownFresh = null;
		}
	}

	/**
	 * End every clock-free period and cancel its timer, so a closed credential leaves no
	 * task on its scheduler.
	 */
	void close() {
		this.closed = true;
		this.clockBound.set(0);
		Disposable clockBoundTimer = this.clockBoundTimer;
		if (clockBoundTimer != null) {
			clockBoundTimer.dispose();
		}
		this.entries.values().forEach((entry) -> {
			entry.knownFresh = null;
			Disposable timer = entry.knownFreshTimer;
			if (timer != null) {
				timer.dispose();
			}
		});
	}

	long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends a token request for a key: {@link ObservedTokenFetcher} in the credential.
	 */
	@FunctionalInterface
	interface Fetcher {

		Mono<AccessToken> fetch(TokenKey key, List<String> scopes, @Nullable String claims);

	}

	private record ClaimsKey(TokenKey key, String claims) {

	}

	/**
	 * Entra's rejection of a key's fetch, and until when misses fail with it.
	 *
	 * @param rejection Entra's answer
	 * @param retryAtMillis when the next miss may ask again
	 * @param backoffMillis the period that ends then
	 */
	record FailedMiss(ClientAuthenticationException rejection, long retryAtMillis, long backoffMillis) {

		/**
		 * Whether Entra answered with an error that asking again at once cannot change:
		 * an OAuth error in a 4xx response (a throttled or unavailable endpoint is
		 * retried by the retry policy and ends as a transport failure instead).
		 */
		static boolean isRejection(ClientAuthenticationException ex) {
			return ex.error() != null && ex.statusCode() >= 400 && ex.statusCode() < 500;
		}

		static FailedMiss after(@Nullable FailedMiss previous, ClientAuthenticationException rejection, long now) {
			long backoff = (previous != null) ? Math.min(previous.backoffMillis() * 2, MAX_FAILED_MISS_BACKOFF_MILLIS)
					: FAILED_MISS_BACKOFF_MILLIS;
			return new FailedMiss(rejection, now + backoff, backoff);
		}

		/**
		 * Return the rejection again as a new exception for this caller: one shared
		 * instance would collect every caller's suppressed exceptions.
		 */
		ClientAuthenticationException repeat() {
			ClientAuthenticationException ex = this.rejection;
			return new ClientAuthenticationException(
					ex.getMessage() + " (answer to the last token request; the next" + " is sent after "
							+ Instant.ofEpochMilli(this.retryAtMillis) + ")",
					ex.statusCode(), ex.error(), ex.errorDescription(), ex.errorCodes(), ex.traceId(),
					ex.correlationId());
		}

	}

	/**
	 * One cache slot. The token and the refresh gate are volatile: readers on the hot
	 * path take no lock.
	 */
	private final class Entry {

		final TokenKey key;

		final List<String> scopes;

		final Mono<AccessToken> publisher;

		volatile @Nullable CachedToken token;

		volatile long nextRefreshAttemptMillis;

		/**
		 * The token while it is known to be fresh without reading the clock, or
		 * {@code null}.
		 */
		volatile @Nullable CachedToken knownFresh;

		volatile @Nullable Disposable knownFreshTimer;

		/**
		 * Entra's last rejection of a miss's fetch while misses fail fast, or
		 * {@code null}.
		 */
		volatile @Nullable FailedMiss failedMiss;

		/**
		 * When the entry was created or a caller last found no valid token in it: the
		 * sweep keeps it for a while after that (only misses write it, never the hot
		 * path).
		 */
		volatile long missedAtMillis;

		/**
		 * The use period in which the entry was last looked up by key. Plain, not
		 * volatile: a racy read only makes eviction see the previous period.
		 */
		int usedInPeriod;

		/**
		 * The use period in which the entry was looked up by key a second time (or more),
		 * which tells a key in use from a one-off one within a period. Plain, as
		 * {@link #usedInPeriod}.
		 */
		int usedAgainInPeriod = -1;

		/**
		 * Whether the entry is the configured tenant's single-scope entry, which the hot
		 * path finds without a key: it is not stamped (eviction counts it as in use), and
		 * only its tokens get a clock-free period.
		 */
		final boolean hotPath;

		Entry(TokenKey key, List<String> scopes, long createdAtMillis, int usePeriod, boolean hotPath) {
			this.key = key;
			this.scopes = scopes;
			this.missedAtMillis = createdAtMillis;
			this.usedInPeriod = usePeriod;
			this.hotPath = hotPath;
			this.publisher = new CachedTokenMono(this);
		}

	}

	/**
	 * The publisher each entry hands out: decides at subscription time, so a held
	 * {@code Mono} never replays a stale token, and a fresh token costs no allocation
	 * beyond the subscription.
	 */
	private final class CachedTokenMono extends Mono<AccessToken> {

		private final Entry entry;

		CachedTokenMono(Entry entry) {
			this.entry = entry;
		}

		@Override
		public void subscribe(CoreSubscriber<? super AccessToken> actual) {
			CachedToken token = freshCachedToken(this.entry);
			if (token != null) {
				TokenCache.this.listener.cacheAccessed(CacheResult.HIT);
				actual.onSubscribe(Operators.scalarSubscription(actual, token.token()));
				return;
			}
			resolve(this.entry, now()).subscribe(actual);
		}

	}

}
