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

import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor's shared {@link Schedulers#parallel() parallel scheduler}, looked up when a
 * task is first scheduled rather than when a credential is built: creating it initializes
 * Reactor's schedulers (well over a hundred classes and a thread per core), which an
 * application that is starting does not need before its first token request. Its clock is
 * the system clock, as the parallel scheduler's is, so reading the time creates nothing.
 * Disposing it does nothing: the shared scheduler is Reactor's.
 *
 * @author Entra Identity contributors
 */
public final class SharedParallelScheduler implements Scheduler {

	/**
	 * The one instance.
	 */
	public static final Scheduler INSTANCE = new SharedParallelScheduler();

	private SharedParallelScheduler() {
	}

	@Override
	public Disposable schedule(Runnable task) {
		return Schedulers.parallel().schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return Schedulers.parallel().schedule(task, delay, unit);
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return Schedulers.parallel().schedulePeriodically(task, initialDelay, period, unit);
	}

	@Override
	public Worker createWorker() {
		return Schedulers.parallel().createWorker();
	}

	@Override
	public String toString() {
		return "Schedulers.parallel()";
	}

}
