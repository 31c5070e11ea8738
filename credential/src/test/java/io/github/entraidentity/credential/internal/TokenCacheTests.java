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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the in-memory token cache keys tokens by, how claims bypass it, how it stays
 * bounded, and what it serves after the credential is closed.
 *
 * @author Entra Identity contributors
 */
class TokenCacheTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		this.scheduler.advanceTimeTo(Instant.now());
		this.credential = credential(UnaryOperator.identity());
	}

	@Test
	void scopeOrderDoesNotMatter() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-ab", 3600)));
		assertThat(token(this.credential.getToken("api://a/read", "api://a/write"))).isEqualTo("tok-ab");
		assertThat(token(this.credential.getToken("api://a/write", "api://a/read"))).isEqualTo("tok-ab");
		assertThat(token(this.credential.getToken(TokenRequestContext.of("api://a/write", "api://a/read"))))
			.isEqualTo("tok-ab");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void differentScopeSetsGetDifferentTokens() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("write"))
			.willReturn(TokenResponses.token("tok-ab", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(notContaining("write"))
			.willReturn(TokenResponses.token("tok-a", 3600)));
		assertThat(token(this.credential.getToken("api://a/read", "api://a/write"))).isEqualTo("tok-ab");
		assertThat(token(this.credential.getToken("api://a/read"))).isEqualTo("tok-a");
		assertThat(token(this.credential.getToken("api://a/read", "api://a/write"))).isEqualTo("tok-ab");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void caeAndNonCaeTokensNeverMix() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("claims="))
			.willReturn(TokenResponses.token("tok-cae", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(notContaining("claims="))
			.willReturn(TokenResponses.token("tok-plain", 3600)));
		TokenRequestContext plain = TokenRequestContext.of("api://x/.default");
		TokenRequestContext cae = plain.withCaeEnabled(true);
		assertThat(token(this.credential.getToken(cae))).isEqualTo("tok-cae");
		assertThat(token(this.credential.getToken(plain))).isEqualTo("tok-plain");
		assertThat(token(this.credential.getToken("api://x/.default"))).isEqualTo("tok-plain");
		assertThat(token(this.credential.getToken(cae))).isEqualTo("tok-cae");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.credential.cachedTokens()).extracting(CachedTokenView::cae)
			.containsExactlyInAnyOrder(true, false);
	}

	@Test
	void tokenOfOneTenantIsNeverServedForAnother() {
		this.credential = credential((builder) -> builder.additionallyAllowedTenants(List.of("tenant-2")));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-tenant-1", 3600)));
		entra.stubFor(
				post(urlEqualTo("/tenant-2/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok-tenant-2", 3600)));
		TokenRequestContext context = TokenRequestContext.of("api://x/.default");
		assertThat(token(this.credential.getToken(context))).isEqualTo("tok-tenant-1");
		assertThat(token(this.credential.getToken(context.withTenantId("tenant-2")))).isEqualTo("tok-tenant-2");
		assertThat(token(this.credential.getToken(context.withTenantId("tenant-1")))).isEqualTo("tok-tenant-1");
		assertThat(token(this.credential.getToken(context.withTenantId("tenant-2")))).isEqualTo("tok-tenant-2");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
		entra.verify(1, postRequestedFor(urlEqualTo("/tenant-2/oauth2/v2.0/token")));
	}

	@Test
	void claimsBypassTheCacheAndTheirTokenReplacesTheCachedOne() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		TokenRequestContext context = TokenRequestContext.of("api://x/.default");
		assertThat(token(this.credential.getToken(context))).isEqualTo("tok-1");
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("claims="))
			.willReturn(TokenResponses.token("tok-claims", 3600)));
		String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
		assertThat(token(this.credential.getToken(context.withClaims(claims)))).isEqualTo("tok-claims");
		// Within the reuse window the same claims would get the token they produced
		this.scheduler.advanceTimeBy(ClaimsRequestLimiter.REUSE_WINDOW);
		assertThat(token(this.credential.getToken(context.withClaims(claims)))).isEqualTo("tok-claims");
		entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("claims=")));
		assertThat(token(this.credential.getToken(context))).isEqualTo("tok-claims");
		assertThat(token(this.credential.getToken("api://x/.default"))).isEqualTo("tok-claims");
		entra.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void cacheStaysBoundedWhenCallersLoopOverDistinctScopes() {
		this.credential = credential((builder) -> builder.maxCacheEntries(10));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
		for (int i = 0; i < 50; i++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(token(this.credential.getToken("api://app-" + i + "/.default"))).isEqualTo("tok");
			assertThat(this.credential.cachedTokens()).hasSizeLessThanOrEqualTo(10);
		}
		// One entry went for each new key; the newest is still there
		assertThat(this.credential.cachedTokens()).hasSize(10)
			.flatExtracting(CachedTokenView::scopes)
			.contains("api://app-49/.default");
		entra.verify(50, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void expiredEntriesAreEvictedBeforeValidOnes() {
		this.credential = credential((builder) -> builder.maxCacheEntries(3));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("long-lived"))
			.willReturn(TokenResponses.token("tok-long", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(notContaining("long-lived"))
			.willReturn(TokenResponses.token("tok-short", 60)));
		assertThat(token(this.credential.getToken("api://long-lived/.default"))).isEqualTo("tok-long");
		assertThat(token(this.credential.getToken("api://short-1/.default"))).isEqualTo("tok-short");
		assertThat(token(this.credential.getToken("api://short-2/.default"))).isEqualTo("tok-short");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(61));
		assertThat(token(this.credential.getToken("api://short-3/.default"))).isEqualTo("tok-short");
		assertThat(this.credential.cachedTokens()).flatExtracting(CachedTokenView::scopes)
			.containsExactlyInAnyOrder("api://long-lived/.default", "api://short-3/.default");
		assertThat(token(this.credential.getToken("api://long-lived/.default"))).isEqualTo("tok-long");
		entra.verify(4, postRequestedFor(urlMatching(".*")));
	}

	@Test
	void expiredEntriesAreDroppedWhenNewKeysArriveAlsoBeforeTheCacheIsFull() {
		TokenCache cache = new TokenCache(
				(key, scopes,
						claims) -> Mono.just(new AccessToken("tok",
								Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS)).plusSeconds(60),
								"Bearer", null)),
				new TokenCacheSettings(null, "https://login.microsoftonline.com", "client-1", this.scheduler,
						"tenant-1", Duration.ofMinutes(5), Duration.ofSeconds(30), 100, CredentialEventListener.NONE,
						"ClientSecretCredential", LogFactory.getLog(ClientSecretCredential.class)));
		cache.get(new TokenKey("tenant-1", Set.of("a"), false), List.of("a")).block(SAFETY_NET);
		cache.get(new TokenKey("tenant-1", Set.of("b"), false), List.of("b")).block(SAFETY_NET);
		assertThat(cache.size()).isEqualTo(2);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(61));
		cache.get(new TokenKey("tenant-1", Set.of("c"), false), List.of("c")).block(SAFETY_NET);
		assertThat(cache.size()).isEqualTo(1);
		assertThat(cache.validTokens()).containsOnlyKeys(new TokenKey("tenant-1", Set.of("c"), false));
	}

	@Test
	void anEntryACallerHasJustTakenIsNotSweptBeforeItsFetchStarts() {
		// What 10,000 virtual threads on a cold cache do: a caller takes the new entry,
		// and
		// before it subscribes, another caller's new key fills the cache and sweeps it
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = new TokenCache((key, scopes, claims) -> Mono.fromSupplier(() -> {
			fetches.incrementAndGet();
			return new AccessToken("tok",
					Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS)).plusSeconds(3600), "Bearer", null);
		}), new TokenCacheSettings(null, "https://login.microsoftonline.com", "client-1", this.scheduler, "tenant-1",
				Duration.ofMinutes(5), Duration.ofSeconds(30), 2, CredentialEventListener.NONE,
				"ClientSecretCredential", LogFactory.getLog(ClientSecretCredential.class)));
		TokenKey a = new TokenKey("tenant-1", Set.of("a"), false);
		Mono<AccessToken> takenFirst = cache.get(a, List.of("a"));
		cache.get(new TokenKey("tenant-1", Set.of("b"), false), List.of("b"));
		cache.get(new TokenKey("tenant-1", Set.of("c"), false), List.of("c"));
		assertThat(takenFirst.block(SAFETY_NET).token()).isEqualTo("tok");
		assertThat(cache.get(a, List.of("a")).block(SAFETY_NET).token()).isEqualTo("tok");
		assertThat(cache.freshToken("a")).isNotNull();
		assertThat(fetches).hasValue(1);
	}

	@Test
	void aKeyInUseIsNotEvictedWhileIdleKeysRemain() {
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = cache(4, fetches);
		get(cache, "in-use");
		get(cache, "idle-1");
		get(cache, "idle-2");
		get(cache, "idle-3");
		// A new key a second, and the key in use used in between: the key in use was
		// created first and expires soonest, yet the idle keys go
		for (int i = 0; i < 3; i++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(hit(cache, "in-use")).isNotNull();
			get(cache, "new-" + i);
		}
		assertThat(scopes(cache)).containsExactlyInAnyOrder("in-use", "new-0", "new-1", "new-2");
		assertThat(fetches).hasValue(7);
	}

	@Test
	void idleKeysGoBeforeKeysUsedInThePreviousPeriod() {
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = cache(4, fetches);
		get(cache, "a");
		get(cache, "b");
		get(cache, "c");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		get(cache, "d");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(cache.get(key("a"), List.of("a")).block(SAFETY_NET)).isNotNull();
		assertThat(hit(cache, "b")).isNotNull();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		get(cache, "e");
		// c was last used two periods ago; a and b were used in the last one, d was
		// created in it
		assertThat(scopes(cache)).containsExactlyInAnyOrder("a", "b", "d", "e");
		assertThat(fetches).hasValue(5);
	}

	@Test
	void theConfiguredTenantsSingleScopeEntriesGoAfterIdleOnes() {
		// Served by the hot path, which records no use: counted as in use
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = cache(3, fetches);
		assertThat(cache.get(new TokenKey("tenant-1", Set.of("own"), false), List.of("own")).block(SAFETY_NET))
			.isNotNull();
		get(cache, "idle-1");
		get(cache, "idle-2");
		for (int i = 0; i < 3; i++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			get(cache, "new-" + i);
		}
		assertThat(cache.freshToken("own")).isNotNull();
		assertThat(fetches).hasValue(6);
	}

	@Test
	void aWorkingSetLargerThanTheCacheEvictsOneIdleEntryPerNewKey() {
		// 50 keys used every second and 10 new keys a second for a minute, in a cache of
		// 100: the keys in use are fetched once, each new key once, and the cache stays
		// full instead of emptying
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = cache(100, fetches);
		List<String> inUse = IntStream.range(0, 50).mapToObj((i) -> "in-use-" + i).toList();
		inUse.forEach((scope) -> get(cache, scope));
		int newKeys = 0;
		for (int second = 0; second < 60; second++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			inUse.forEach((scope) -> assertThat(hit(cache, scope)).as(scope).isNotNull());
			for (int i = 0; i < 10; i++) {
				get(cache, "new-" + newKeys++);
				assertThat(cache.size()).isBetween(Math.min(50 + newKeys, 99), 100);
			}
		}
		assertThat(fetches).hasValue(50 + 600);
		assertThat(scopes(cache)).containsAll(inUse);
	}

	@Test
	void moreNewKeysInAPeriodThanTheCacheHoldsEvictNoKeyInUse() {
		// 50 keys in use, looked up again and again, and 200 new keys a period, each used
		// once, in a cache of 100: within a period the one-off keys go first, so the keys
		// in use are fetched once and each new key once
		AtomicInteger fetches = new AtomicInteger();
		TokenCache cache = cache(100, fetches);
		List<String> inUse = IntStream.range(0, 50).mapToObj((i) -> "in-use-" + i).toList();
		inUse.forEach((scope) -> get(cache, scope));
		int newKeys = 0;
		for (int second = 0; second < 5; second++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			for (int i = 0; i < 200; i++) {
				if (i % 20 == 0) {
					inUse.forEach((scope) -> assertThat(hit(cache, scope)).as(scope).isNotNull());
				}
				get(cache, "new-" + newKeys++);
			}
		}
		assertThat(scopes(cache)).containsAll(inUse);
		assertThat(fetches).hasValue(50 + 1000);
	}

	@Test
	void newTenantsOfBlockingCallersEvictNoTenantInUse() {
		// The blocking callers' miss path looks the key up twice (is it fresh? then wait
		// for it): a new tenant must still count as used once
		this.credential = credential(
				(builder) -> builder.additionallyAllowedTenants(List.of("*")).maxCacheEntries(100));
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok", 3600)));
		TokenRequestContext context = TokenRequestContext.of("api://x/.default");
		List<TokenRequestContext> inUse = IntStream.range(0, 50)
			.mapToObj((i) -> context.withTenantId("in-use-" + i))
			.toList();
		inUse.forEach(this.credential::getTokenSync);
		int newTenants = 0;
		for (int second = 0; second < 2; second++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
			for (int i = 0; i < 150; i++) {
				if (i % 20 == 0) {
					inUse.forEach(this.credential::getTokenSync);
				}
				this.credential.getTokenSync(context.withTenantId("new-" + newTenants++));
			}
		}
		entra.verify(50 + 300, postRequestedFor(urlMatching("/[^/]+/oauth2/v2.0/token")));
	}

	@Test
	void anotherTenantsTokenIsServedUntilItsRefreshPointAndItsSuccessorAfterwards() {
		this.credential = credential((builder) -> builder.additionallyAllowedTenants(List.of("*")));
		String path = "/tenant-2/oauth2/v2.0/token";
		entra.stubFor(post(urlEqualTo(path)).willReturn(TokenResponses.token("tok-1", 3600)));
		TokenRequestContext context = TokenRequestContext.of("api://x/.default").withTenantId("tenant-2");
		assertThat(this.credential.getTokenSync(context).token()).isEqualTo("tok-1");
		entra.stubFor(post(urlEqualTo(path)).willReturn(TokenResponses.token("tok-2", 3600)));
		// the refresh point is 5 minutes before expiry
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3299));
		assertThat(this.credential.getTokenSync(context).token()).isEqualTo("tok-1");
		entra.verify(1, postRequestedFor(urlEqualTo(path)));
		this.scheduler.advanceTimeBy(Duration.ofSeconds(302));
		assertThat(this.credential.getTokenSync(context).token()).isEqualTo("tok-2");
		assertThat(this.credential.getTokenSync(context).token()).isEqualTo("tok-2");
		entra.verify(2, postRequestedFor(urlEqualTo(path)));
	}

	@Test
	void afterCloseValidCachedTokensAreStillServedAndRequestsFail() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		assertThat(token(this.credential.getToken("api://x/.default"))).isEqualTo("tok-1");
		this.credential.close();
		assertThat(token(this.credential.getToken("api://x/.default"))).isEqualTo("tok-1");
		StepVerifier.create(this.credential.getToken("api://other/.default"))
			.expectError(CredentialUnavailableException.class)
			.verify(SAFETY_NET);
		StepVerifier
			.create(this.credential.getToken(TokenRequestContext.of("api://x/.default").withClaims("{\"a\":{}}")))
			.expectError(CredentialUnavailableException.class)
			.verify(SAFETY_NET);
		// Inside the refresh window the cached token is still valid, so it is still
		// served
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3300));
		assertThat(token(this.credential.getToken("api://x/.default"))).isEqualTo("tok-1");
		this.scheduler.advanceTimeBy(Duration.ofSeconds(300));
		StepVerifier.create(this.credential.getToken("api://x/.default"))
			.expectError(CredentialUnavailableException.class)
			.verify(SAFETY_NET);
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	private TokenCache cache(int maxEntries, AtomicInteger fetches) {
		return new TokenCache((key, scopes, claims) -> Mono.fromSupplier(() -> {
			fetches.incrementAndGet();
			return new AccessToken("tok",
					Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS)).plusSeconds(3600), "Bearer", null);
		}), new TokenCacheSettings(null, "https://login.microsoftonline.com", "client-1", this.scheduler, "tenant-1",
				Duration.ofMinutes(5), Duration.ofSeconds(30), maxEntries, CredentialEventListener.NONE,
				"ClientSecretCredential", LogFactory.getLog(ClientSecretCredential.class)));
	}

	private static void get(TokenCache cache, String scope) {
		assertThat(cache.get(key(scope), List.of(scope)).block(SAFETY_NET)).isNotNull();
	}

	private static AccessToken hit(TokenCache cache, String scope) {
		return cache.freshToken(key(scope), List.of(scope));
	}

	// Another tenant than the configured one: lookups by key, which record use
	private static TokenKey key(String scope) {
		return new TokenKey("tenant-2", Set.of(scope), false);
	}

	private static List<String> scopes(TokenCache cache) {
		return cache.validTokens().keySet().stream().flatMap((key) -> key.scopes().stream()).toList();
	}

	private ClientSecretCredential credential(UnaryOperator<ClientSecretCredential.Builder> customizer) {
		return customizer.apply(TestCredentials.builder(entra).scheduler(this.scheduler)).build();
	}

	private static String token(Mono<AccessToken> token) {
		return token.block(SAFETY_NET).token();
	}

}
