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

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs at most one operation per key at a time and shares its outcome with every caller
 * that asks while it runs. The operation is subscribed here, not by the callers, so a
 * caller that cancels never cancels it for the others.
 *
 * @param <K> the key type
 * @param <T> the result type
 * @author Entra Identity contributors
 */
final class SingleFlight<K, T> {

	private final ConcurrentHashMap<K, Sinks.One<T>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Join the operation running for the key, or start one.
	 * @param key the key
	 * @param operation supplies the operation to start when none runs
	 * @return the shared outcome
	 */
	Mono<T> join(K key, Supplier<Mono<T>> operation) {
		Sinks.One<T> existing = this.inFlight.get(key);
		if (existing != null) {
			return existing.asMono();
		}
		Sinks.One<T> created = Sinks.one();
		existing = this.inFlight.putIfAbsent(key, created);
		if (existing != null) {
			return existing.asMono();
		}
		run(key, created, operation);
		return created.asMono();
	}

	/**
	 * Start the operation for the key unless one already runs.
	 * @param key the key
	 * @param operation supplies the operation
	 * @return whether an operation was started
	 */
	boolean startIfIdle(K key, Supplier<Mono<T>> operation) {
		if (this.inFlight.containsKey(key)) {
			return false;
		}
		Sinks.One<T> created = Sinks.one();
		if (this.inFlight.putIfAbsent(key, created) != null) {
			return false;
		}
		run(key, created, operation);
		return true;
	}

	boolean isRunning(K key) {
		return this.inFlight.containsKey(key);
	}

	private void run(K key, Sinks.One<T> sink, Supplier<Mono<T>> operation) {
		Mono<T> mono;
		try {
			mono = operation.get();
		}
		catch (RuntimeException ex) {
			mono = Mono.error(ex);
		}
		// Leave the map before emitting: a caller woken by the result that calls again
		// must start a new operation, never rejoin the finished one.
		mono.subscribe((value) -> complete(key, sink, value, null), (error) -> complete(key, sink, null, error),
				() -> complete(key, sink, null, null));
	}

	private void complete(K key, Sinks.One<T> sink, @Nullable T value, @Nullable Throwable error) {
		this.inFlight.remove(key, sink);
		if (value != null) {
			sink.tryEmitValue(value);
		}
		else if (error != null) {
			sink.tryEmitError(error);
		}
		else {
			// After a value this is a no-op: the sink is already terminated.
			sink.tryEmitEmpty();
		}
	}

}
