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

package io.github.entraidentity.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A {@link VirtualTimeScheduler} for a credential that also records every delay the
 * credential asks for, so a test can drive real HTTP exchanges and virtual waits
 * together: when the credential waits for a retry delay the test advances the clock by
 * exactly that delay, and asserts which delays were asked for.
 */
final class VirtualClock implements Scheduler {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final Set<Duration> timeouts;

	private final BlockingQueue<Duration> pendingWaits = new LinkedBlockingQueue<>();

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	/**
	 * Create a clock at the given instant.
	 * @param start the start
	 * @param timeouts the configured timeouts: delays of these lengths are timeouts, not
	 * waits
	 */
	VirtualClock(Instant start, Duration... timeouts) {
		this.time.advanceTimeTo(start);
		this.timeouts = Set.of(timeouts);
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.time.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		// Schedule first: the driver may advance the clock as soon as the wait is
		// visible.
		Disposable scheduled = this.time.schedule(task, delay, unit);
		Duration duration = Duration.ofNanos(unit.toNanos(delay));
		if (!this.timeouts.contains(duration)) {
			this.waits.add(duration);
			this.pendingWaits.add(duration);
		}
		return scheduled;
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return this.time.schedulePeriodically(task, initialDelay, period, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return this.time.now(unit);
	}

	@Override
	public Worker createWorker() {
		return this.time.createWorker();
	}

	void advance(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	Instant instant() {
		return Instant.ofEpochMilli(now(TimeUnit.MILLISECONDS));
	}

	/**
	 * Return the waits (retry delays) asked for so far and forget them.
	 * @return the waits
	 */
	List<Duration> takeWaits() {
		List<Duration> result = List.copyOf(this.waits);
		this.waits.clear();
		this.pendingWaits.clear();
		return result;
	}

	/**
	 * Let real I/O and virtual waits run until {@code done}: each wait the credential
	 * asks for is advanced as soon as it is scheduled; with {@code timeoutAfterRequest}
	 * the clock also jumps by that timeout each time a new request reaches the server
	 * (which then never answers in time).
	 * @param done whether the work is finished
	 * @param requestsSeen how many requests the server has received
	 * @param requestsBefore how many it had received before the work started (read before
	 * starting it: a request on a warm connection can arrive before this method runs)
	 * @param timeoutAfterRequest the timeout to advance per request, or {@code null}
	 */
	void runUntil(BooleanSupplier done, IntSupplier requestsSeen, int requestsBefore, Duration timeoutAfterRequest) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int timedOut = requestsBefore;
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Still not done after 60 s of real time; waits so far " + this.waits
						+ ", requests " + requestsSeen.getAsInt() + ", virtual time " + instant());
			}
			// Run tasks scheduled without delay.
			this.time.advanceTime();
			Duration wait;
			try {
				wait = this.pendingWaits.poll(5, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (wait != null) {
				advance(wait);
			}
			else if (timeoutAfterRequest != null && requestsSeen.getAsInt() > timedOut) {
				timedOut++;
				advance(timeoutAfterRequest);
			}
		}
	}

}
