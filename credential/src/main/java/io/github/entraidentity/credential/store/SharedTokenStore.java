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

package io.github.entraidentity.credential.store;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * A store of tokens shared beyond one credential: by the processes of a host (the
 * encrypted file cache, see
 * {@link io.github.entraidentity.credential.CredentialBuilder#cachePersistenceOptions})
 * or by a fleet (a distributed cache such as Redis), plugged in with
 * {@link io.github.entraidentity.credential.CredentialBuilder#sharedTokenStore}.
 * <p>
 * The credential's in-memory cache stays in front (L1). On an L1 miss or at a token's
 * refresh point the credential reads the store (L2); a token that is still fresh there
 * means no token request. Otherwise it asks for the store's fetch lock: the holder
 * fetches, writes the token and releases the lock, while the other instances read the
 * store again and ask for the lock again until the token appears; after one lease they
 * fetch for themselves (so neither a crashed holder nor a lock that never ends stalls the
 * others for longer).
 * <p>
 * Every method is asynchronous, must complete within a short bound of its own and must
 * not block the thread that subscribes, which may be an event loop shared by every
 * credential of the process: the credential treats an error as "no token" (or, for the
 * lock, as "fetch yourself") and a token request never fails because of the store.
 * Implementations report their own outages. Only tokens reach a store; never the client
 * secret.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public interface SharedTokenStore {

	/**
	 * Read the token stored for the key.
	 * @param key the key
	 * @return the token, or empty when none is stored or it cannot be read
	 */
	Mono<SharedToken> read(SharedTokenKey key);

	/**
	 * Store a token for the key, for no longer than the token lives, unless the store
	 * holds one that expires at least as late: an instance that fetched before another
	 * must not replace the newer token.
	 * @param key the key
	 * @param token the token
	 * @return completion once the token is stored (or given up on)
	 */
	Mono<Void> write(SharedTokenKey key, SharedToken token);

	/**
	 * Try to take the lock that lets one instance fetch the token for the key. The lock
	 * ends by itself after {@link #lockLease()}; a lock that would last longer was not
	 * taken by a credential and should be taken over.
	 * @param key the key
	 * @param owner an id of this acquisition, unique in the fleet, which
	 * {@link #unlock(SharedTokenKey, String)} passes back: so an acquisition whose lease
	 * ran out never releases a lock taken after it, even by another credential of the
	 * same process
	 * @return {@code true} when this instance should fetch, {@code false} when another
	 * acquisition holds the lock; the default always lets this instance fetch
	 */
	default Mono<Boolean> tryLock(SharedTokenKey key, String owner) {
		return Mono.just(true);
	}

	/**
	 * Release the lock for the key if the acquisition still holds it.
	 * @param key the key
	 * @param owner the id the acquisition passed to
	 * {@link #tryLock(SharedTokenKey, String)}
	 * @return completion
	 */
	default Mono<Void> unlock(SharedTokenKey key, String owner) {
		return Mono.empty();
	}

	/**
	 * Return how long a lock lasts unless released: also the longest the others wait for
	 * the holder's token before they fetch for themselves.
	 * @return the lease; the default is zero (no lock)
	 */
	default Duration lockLease() {
		return Duration.ZERO;
	}

	/**
	 * Finish pending writes, within a bound, and release what the store holds. The
	 * credential calls this when it is closed.
	 */
	default void close() {
	}

}
