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
 * store again until the token appears or the lock's lease has run out, after which they
 * ask for the lock again (so a crashed holder never stalls the others).
 * <p>
 * Every method is asynchronous and must complete within a short bound of its own: the
 * credential treats an error as "no token" (or, for the lock, as "fetch yourself") and a
 * token request never fails because of the store. Implementations report their own
 * outages. Only tokens reach a store; never the client secret.
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
	 * Store a token for the key, replacing any other, for no longer than the token lives.
	 * @param key the key
	 * @param token the token
	 * @return completion once the token is stored (or given up on)
	 */
	Mono<Void> write(SharedTokenKey key, SharedToken token);

	/**
	 * Try to take the lock that lets one instance fetch the token for the key. The lock
	 * ends by itself after {@link #lockLease()}.
	 * @param key the key
	 * @return {@code true} when this instance should fetch, {@code false} when another
	 * instance holds the lock; the default always lets this instance fetch
	 */
	default Mono<Boolean> tryLock(SharedTokenKey key) {
		return Mono.just(true);
	}

	/**
	 * Release the lock this instance took for the key, if it still holds it.
	 * @param key the key
	 * @return completion
	 */
	default Mono<Void> unlock(SharedTokenKey key) {
		return Mono.empty();
	}

	/**
	 * Return how long a lock lasts unless released: also how long the others wait for the
	 * holder's token before they ask for the lock again.
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
