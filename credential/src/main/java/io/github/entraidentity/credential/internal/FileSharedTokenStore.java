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

import io.github.entraidentity.credential.store.SharedToken;
import io.github.entraidentity.credential.store.SharedTokenKey;
import io.github.entraidentity.credential.store.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The encrypted file cache as a {@link SharedTokenStore}: runs the blocking file store
 * (already bounded, see {@link BoundedTokenStore}) on a scheduler meant for blocking
 * calls. Files need no fetch lock: the processes of one host are few.
 *
 * @author Entra Identity contributors
 */
final class FileSharedTokenStore implements SharedTokenStore {

	private static final Log logger = LogFactory.getLog(FileSharedTokenStore.class);

	private final TokenStore delegate;

	private final Scheduler clock;

	FileSharedTokenStore(TokenStore delegate, Scheduler clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public Mono<SharedToken> read(SharedTokenKey key) {
		return Mono.fromCallable(() -> this.delegate.load(SharedTokens.toTokenKey(key), now()))
			.subscribeOn(Schedulers.boundedElastic())
			.map(SharedTokens::toShared)
			.onErrorResume((ex) -> {
				logger.warn("Could not read the persistent token cache: " + ex.getMessage());
				return Mono.empty();
			});
	}

	@Override
	public Mono<Void> write(SharedTokenKey key, SharedToken token) {
		// The bounded store queues the write and returns at once
		return Mono
			.<Void>fromRunnable(
					() -> this.delegate.save(SharedTokens.toTokenKey(key), SharedTokens.toCached(token), now()))
			.onErrorResume((ex) -> {
				logger.warn("Could not write the persistent token cache: " + ex.getMessage());
				return Mono.empty();
			});
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private long now() {
		return this.clock.now(java.util.concurrent.TimeUnit.MILLISECONDS);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
