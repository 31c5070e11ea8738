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

import io.github.entraidentity.credential.internal.TokenConnectionPool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

/**
 * The event loops that token requests on Reactor Netty run on, shared by every
 * {@link TokenConnectionPool} in the process and ended when the last pool closes.
 * <p>
 * Not Reactor Netty's global resources: a Spring application context disposes those when
 * it closes, which would break the credentials of every other context in the JVM. One
 * small group for the whole process keeps the thread count bounded however many
 * credentials or contexts exist; reference counting gives the threads back once no pool
 * uses them (a redeployed web application leaves nothing behind). This is the library's
 * only process-wide state.
 *
 * @author Entra Identity contributors
 */
public final class SharedEventLoops {

	private static final Log logger = LogFactory.getLog(SharedEventLoops.class);

	/**
	 * Worker threads: token requests are rare and short, and each connection stays on one
	 * loop, so two threads serve any number of credentials.
	 */
	static final int WORKER_THREADS = 2;

	private static final Object lock = new Object();

	private static @Nullable LoopResources loops;

	private static int users;

	private SharedEventLoops() {
	}

	/**
	 * Take a reference to the shared loops, creating them for the first user. Threads
	 * start lazily, with the first connection.
	 * @return the loops, to be given back with {@link #release(LoopResources)}
	 */
	public static LoopResources acquire() {
		synchronized (lock) {
			LoopResources current = loops;
			if (current == null) {
				current = LoopResources.create("entra-identity", WORKER_THREADS, true);
				loops = current;
			}
			users++;
			return current;
		}
	}

	/**
	 * Give back a reference taken with {@link #acquire()}; the last one disposes the
	 * loops without blocking.
	 * @param released the loops that were acquired
	 */
	public static void release(LoopResources released) {
		LoopResources unused = null;
		synchronized (lock) {
			if (released != loops) {
				return;
			}
			users--;
			if (users == 0) {
				unused = loops;
				loops = null;
			}
		}
		if (unused != null) {
			unused.disposeLater(Duration.ZERO, Duration.ofSeconds(5))
				.subscribe(null, (ex) -> logger.debug("Disposing the token request event loops failed", ex));
		}
	}

	/**
	 * Return how many pools use the shared loops, for tests.
	 * @return the number of references
	 */
	public static int users() {
		synchronized (lock) {
			return users;
		}
	}

}
