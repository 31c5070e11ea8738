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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link TokenStore}'s blocking I/O on a thread of its own with a time limit, so a
 * stalled network home directory, or anything else that makes a read or write hang, never
 * holds up the callers waiting on a token.
 * <ul>
 * <li>A read that does not finish within the timeout is a miss; while a read or write has
 * been stuck longer than that, further reads are misses at once.</li>
 * <li>Writes are queued and return at once: the caller gets the fetched token before it
 * is persisted. When the queue is full the write is dropped.</li>
 * <li>{@link #close()} waits, within the timeout, for queued writes.</li>
 * </ul>
 * The worker thread is a daemon and ends when idle, so an I/O call that never returns
 * costs one thread, not one per call.
 *
 * @author Entra Identity contributors
 */
final class BoundedTokenStore implements TokenStore {

	/**
	 * Default limit for one read, and for the writes still queued at close.
	 */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	private static final int MAX_QUEUED = 64;

	private static final Log logger = LogFactory.getLog(BoundedTokenStore.class);

	private final TokenStore delegate;

	private final long timeoutNanos;

	private final ThreadPoolExecutor executor;

	/**
	 * When the running task started (System.nanoTime), or 0 while idle.
	 */
	private final AtomicLong busySince = new AtomicLong();

	private final AtomicBoolean warnedStalled = new AtomicBoolean();

	BoundedTokenStore(TokenStore delegate, Duration timeout) {
		this.delegate = delegate;
		this.timeoutNanos = timeout.toNanos();
		this.executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
				(runnable) -> {
					Thread thread = new Thread(runnable, "entra-identity-token-store");
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	@Override
	public @Nullable CachedToken load(TokenKey key, long nowMillis) {
		if (isStalled()) {
			warnStalled("a read or write has not finished for more than " + timeoutMillis() + " ms");
			return null;
		}
		Future<@Nullable CachedToken> result;
		try {
			result = this.executor.submit(() -> timed(() -> this.delegate.load(key, nowMillis)));
		}
		catch (RejectedExecutionException ex) {
			warnStalled("too many reads and writes are waiting");
			return null;
		}
		try {
			CachedToken token = result.get(this.timeoutNanos, TimeUnit.NANOSECONDS);
			this.warnedStalled.set(false);
			return token;
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			warnStalled("a read took longer than " + timeoutMillis() + " ms");
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
		}
	}

	@Override
	public void save(TokenKey key, CachedToken token, long nowMillis) {
		try {
			this.executor.execute(() -> timed(() -> {
				try {
					this.delegate.save(key, token, nowMillis);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not write the persistent token cache: " + ex.getMessage());
				}
				return null;
			}));
		}
		catch (RejectedExecutionException ex) {
			warnStalled("too many writes are waiting; this token is not persisted");
		}
	}

	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.timeoutNanos, TimeUnit.NANOSECONDS)) {
				logger.warn("Token cache writes did not finish within " + timeoutMillis()
						+ " ms of closing the credential; the last tokens may not be persisted");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.delegate.close();
	}

	private <T> T timed(IoCall<T> call) {
		this.busySince.set(System.nanoTime());
		try {
			return call.call();
		}
		finally {
			this.busySince.set(0);
		}
	}

	private boolean isStalled() {
		long since = this.busySince.get();
		return since != 0 && System.nanoTime() - since > this.timeoutNanos;
	}

	private void warnStalled(String why) {
		String message = "The persistent token cache " + this.delegate + " is not answering (" + why
				+ "): tokens are fetched from Microsoft Entra ID instead until it does";
		if (this.warnedStalled.compareAndSet(false, true)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private long timeoutMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

	@FunctionalInterface
	private interface IoCall<T> {

		T call();

	}

}
