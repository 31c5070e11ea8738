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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a credential uses a shared store's fetch lock, with the store's answers scripted:
 * the interleavings of a fleet that a real Redis shows only now and then.
 *
 * @author Entra Identity contributors
 */
class SharedTokenLockTests {

	private static final String SCOPE = "api://fleet/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private ClientSecretCredential credential;

	@AfterEach
	void close() {
		if (this.credential != null) {
			this.credential.close();
		}
	}

	@Test
	void lockHolderTakesATokenStoredBetweenItsReadAndItsLockInsteadOfFetching() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("own", 3600)));
		Instant expires = Instant.now().plusSeconds(3600);
		SharedToken othersToken = new SharedToken(new AccessToken("other-instance", expires, "Bearer", null),
				expires.minusSeconds(300));
		// Another instance writes its token and releases the lock just before this one
		// asks for the lock
		ScriptedStore store = new ScriptedStore((entries, key) -> entries.put(key, othersToken));
		this.credential = TestCredentials.builder(entra).sharedTokenStore(store).build();
		assertThat(this.credential.getToken(SCOPE).block(SAFETY_NET).token()).isEqualTo("other-instance");
		entra.verify(0, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(store.reads).hasValue(2);
		assertThat(store.entries).isEmpty();
	}

	@Test
	void lockHolderFetchesWhenTheStoreStillHoldsNothingAfterItsLock() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("own", 3600)));
		ScriptedStore store = new ScriptedStore((entries, key) -> {
		});
		this.credential = TestCredentials.builder(entra).sharedTokenStore(store).build();
		assertThat(this.credential.getToken(SCOPE).block(SAFETY_NET).token()).isEqualTo("own");
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(store.entries.values()).extracting((token) -> token.token().token()).containsExactly("own");
	}

	@Test
	void lockThatIsNeverReleasedCostsAMissOneLeaseThenTheCallerFetches() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("own", 3600)));
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		clock.advanceTimeTo(Instant.now());
		HeldLockStore store = new HeldLockStore();
		this.credential = TestCredentials.builder(entra).sharedTokenStore(store).scheduler(clock).build();
		CompletableFuture<AccessToken> token = this.credential.getToken(SCOPE).toFuture();
		clock.advanceTimeBy(HeldLockStore.LEASE.minusMillis(1));
		assertThat(token).isNotDone();
		entra.verify(0, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		// The poll after the lease has run out fetches
		clock.advanceTimeBy(Duration.ofMillis(101));
		assertThat(token.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS).token()).isEqualTo("own");
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		assertThat(store.owners).as("one owner id per acquisition").doesNotHaveDuplicates().hasSizeGreaterThan(1);
	}

	/**
	 * A store whose lock someone else holds for ever.
	 */
	private static final class HeldLockStore implements SharedTokenStore {

		static final Duration LEASE = Duration.ofSeconds(10);

		final List<String> owners = new CopyOnWriteArrayList<>();

		@Override
		public Mono<SharedToken> read(SharedTokenKey key) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> write(SharedTokenKey key, SharedToken token) {
			return Mono.empty();
		}

		@Override
		public Mono<Boolean> tryLock(SharedTokenKey key, String owner) {
			this.owners.add(owner);
			return Mono.just(false);
		}

		@Override
		public Duration lockLease() {
			return LEASE;
		}

	}

	/**
	 * An in-memory store whose lock runs a scripted step of "another instance" before it
	 * grants the lock; entries written by this instance's credential are kept apart from
	 * the ones the script plants.
	 */
	private static final class ScriptedStore implements SharedTokenStore {

		private final Map<SharedTokenKey, SharedToken> planted = new ConcurrentHashMap<>();

		final Map<SharedTokenKey, SharedToken> entries = new ConcurrentHashMap<>();

		final AtomicInteger reads = new AtomicInteger();

		private final BiConsumer<Map<SharedTokenKey, SharedToken>, SharedTokenKey> beforeLock;

		ScriptedStore(BiConsumer<Map<SharedTokenKey, SharedToken>, SharedTokenKey> beforeLock) {
			this.beforeLock = beforeLock;
		}

		@Override
		public Mono<SharedToken> read(SharedTokenKey key) {
			return Mono.fromCallable(() -> {
				this.reads.incrementAndGet();
				SharedToken own = this.entries.get(key);
				return (own != null) ? own : this.planted.get(key);
			});
		}

		@Override
		public Mono<Void> write(SharedTokenKey key, SharedToken token) {
			return Mono.fromRunnable(() -> this.entries.put(key, token));
		}

		@Override
		public Mono<Boolean> tryLock(SharedTokenKey key, String owner) {
			return Mono.fromCallable(() -> {
				this.beforeLock.accept(this.planted, key);
				return true;
			});
		}

		@Override
		public Duration lockLease() {
			return Duration.ofSeconds(5);
		}

	}

}
