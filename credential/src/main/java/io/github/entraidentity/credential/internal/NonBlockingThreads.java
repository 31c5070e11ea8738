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

import reactor.core.scheduler.NonBlocking;

/**
 * Tells whether a thread is one of Reactor's non-blocking threads, cheaply enough for the
 * blocking callers' cache hit. Whether a thread is non-blocking depends only on its
 * class, but {@code instanceof} against an interface can cost more than the whole rest of
 * a hit (measured: 14 ns of 19 ns in the benchmarks), so the last thread class found to
 * be blocking is remembered and compared by identity.
 *
 * @author Entra Identity contributors
 */
final class NonBlockingThreads {

	// A plain field: a stale or racing value only costs one more instanceof check, and a
	// class never stops being what it was found to be.
	private static Class<?> lastBlockingThreadClass = Thread.class;

	private NonBlockingThreads() {
	}

	/**
	 * Return whether the thread must not block (it implements Reactor's
	 * {@link NonBlocking} marker).
	 * @param thread the thread
	 * @return whether it is non-blocking
	 */
	static boolean isNonBlocking(Thread thread) {
		Class<?> threadClass = thread.getClass();
		if (threadClass == lastBlockingThreadClass) {
			return false;
		}
		if (thread instanceof NonBlocking) {
			return true;
		}
		lastBlockingThreadClass = threadClass;
		return false;
	}

}
