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

package io.github.entraidentity.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The scenarios that JMH does not fit: herd, refresh point, short lifetimes, cold first
 * token and faults. Each runs every subject against the same endpoint, one subject at a
 * time, and each subject instance uses its own client id.
 *
 * @author Entra Identity contributors
 */
final class Scenarios {

	static final List<SubjectKind> LIBRARIES = List.of(SubjectKind.OURS, SubjectKind.AZURE_ASYNC,
			SubjectKind.AZURE_SYNC, SubjectKind.SPRING_SECURITY);

	static final int HERD_CALLERS = 1000;

	static final int ENDPOINT_DELAY_MILLIS = 20;

	static final long[] LIFETIMES = { 1, 5, 10, 30, 59, 60, 61, 120, 300, 301, 306, 600, 3600 };

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	private final TokenEndpoint endpoint;

	Scenarios(TokenEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Return the {@code expires_in} that makes a subject refresh about every five seconds
	 * with its default settings: ours refreshes at half-life (its five-minute offset does
	 * not fit in ten seconds), Spring Security treats a token as expired 60 s early,
	 * azure-identity (MSAL) 300 s early.
	 * @param kind the library
	 * @return the lifetime in seconds
	 */
	static long refreshLifetime(SubjectKind kind) {
		return switch (kind) {
			case OURS -> 10;
			case SPRING_SECURITY -> 65;
			case AZURE_ASYNC, AZURE_SYNC -> 305;
			default -> throw new IllegalArgumentException(kind.toString());
		};
	}

	/**
	 * 1,000 cold callers at once, with the endpoint answering after 20 ms.
	 * @param kind the library
	 * @return the result
	 */
	HerdResult herd(SubjectKind kind) throws InterruptedException {
		try (Subject subject = Subjects.withTokens(kind, this.endpoint, 3600, ENDPOINT_DELAY_MILLIS)) {
			HerdRun run = releaseHerd(subject.callAsync(), subject::call);
			return new HerdResult(this.endpoint.requests(subject.clientId()), run.nanos(), run.failures());
		}
	}

	/**
	 * Release {@link #HERD_CALLERS} callers at once: as many subscriptions to the request
	 * from one thread, or, when the library's API is blocking, as many threads released
	 * by one latch.
	 * @param request the lazy request, or {@code null} for a blocking API
	 * @param blockingCall one blocking call, used when there is no request
	 * @return the time until every caller was answered and the callers that failed
	 */
	static HerdRun releaseHerd(@Nullable Mono<String> request, Runnable blockingCall) throws InterruptedException {
		CountDownLatch answered = new CountDownLatch(HERD_CALLERS);
		AtomicInteger failures = new AtomicInteger();
		long start;
		if (request != null) {
			start = System.nanoTime();
			for (int i = 0; i < HERD_CALLERS; i++) {
				request.subscribe((token) -> answered.countDown(), (ex) -> {
					failures.incrementAndGet();
					answered.countDown();
				});
			}
		}
		else {
			CountDownLatch go = new CountDownLatch(1);
			for (int i = 0; i < HERD_CALLERS; i++) {
				Thread caller = new Thread(() -> {
					try {
						go.await();
						blockingCall.run();
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
					answered.countDown();
				});
				caller.setDaemon(true);
				caller.start();
			}
			start = System.nanoTime();
			go.countDown();
		}
		boolean all = answered.await(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		long elapsed = System.nanoTime() - start;
		return new HerdRun(all ? elapsed : -1, failures.get());
	}

	/**
	 * Continuous calls from several threads across several refreshes; counts calls that
	 * received a token issued after they started (so they waited for a fetch) while an
	 * earlier token was still valid.
	 * @param kind the library
	 * @param duration how long to call
	 * @param callers how many threads call
	 * @return the result
	 */
	RefreshResult refreshPoint(SubjectKind kind, Duration duration, int callers) throws InterruptedException {
		try (Subject subject = Subjects.withTokens(kind, this.endpoint, refreshLifetime(kind), ENDPOINT_DELAY_MILLIS)) {
			subject.call();
			int primed = this.endpoint.requests(subject.clientId());
			long missesBefore = subject.reportedCacheMisses();
			AtomicLong calls = new AtomicLong();
			AtomicLong waited = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			AtomicLong maxNanos = new AtomicLong();
			long deadline = System.nanoTime() + duration.toNanos();
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				Thread caller = new Thread(() -> {
					long localCalls = 0;
					long localWaited = 0;
					long localMax = 0;
					while (System.nanoTime() < deadline) {
						long start = System.nanoTime();
						String token;
						try {
							token = subject.call();
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
							continue;
						}
						long took = System.nanoTime() - start;
						localCalls++;
						localMax = Math.max(localMax, took);
						TokenEndpoint.IssuedToken issued = this.endpoint.issued(token);
						if (issued != null && start < issued.availableAtNanos()
								&& this.endpoint.hadValidToken(subject.clientId(), start, token)) {
							localWaited++;
						}
					}
					calls.addAndGet(localCalls);
					waited.addAndGet(localWaited);
					long max = localMax;
					maxNanos.accumulateAndGet(max, Math::max);
				});
				threads.add(caller);
				caller.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			long misses = (missesBefore < 0) ? -1 : subject.reportedCacheMisses() - missesBefore;
			return new RefreshResult(calls.get(), waited.get(), this.endpoint.requests(subject.clientId()) - primed,
					maxNanos.get(), failures.get(), refreshLifetime(kind), misses);
		}
	}

	/**
	 * The shortest {@code expires_in} whose token a second, immediate call reuses.
	 * @param kind the library
	 * @return the lifetimes reused, in ascending order of {@link #LIFETIMES}
	 */
	LifetimeResult shortLifetimes(SubjectKind kind) {
		List<Long> reused = new ArrayList<>();
		List<Long> notReused = new ArrayList<>();
		for (long lifetime : LIFETIMES) {
			try (Subject subject = Subjects.withTokens(kind, this.endpoint, lifetime, 0)) {
				subject.call();
				subject.call();
				if (this.endpoint.requests(subject.clientId()) == 1) {
					reused.add(lifetime);
				}
				else {
					notReused.add(lifetime);
				}
			}
		}
		return new LifetimeResult(reused, notReused);
	}

	/**
	 * First-call latency of fresh instances (each on a new connection pool, so each pays
	 * for its TLS handshake), interleaved so that noise hits every subject alike.
	 * @param kinds the subjects, the WebClient floor included
	 * @param warmups rounds not counted
	 * @param rounds rounds counted
	 * @return median nanoseconds per subject
	 */
	Map<SubjectKind, Long> coldFirstToken(List<SubjectKind> kinds, int warmups, int rounds) {
		return medianFirstCall(kinds, warmups, rounds, (kind) -> Subjects.withTokens(kind, this.endpoint, 3600, 0));
	}

	private static Map<SubjectKind, Long> medianFirstCall(List<SubjectKind> kinds, int warmups, int rounds,
			Function<SubjectKind, Subject> factory) {
		Map<SubjectKind, long[]> samples = new EnumMap<>(SubjectKind.class);
		kinds.forEach((kind) -> samples.put(kind, new long[rounds]));
		for (int round = 0; round < warmups + rounds; round++) {
			for (SubjectKind kind : kinds) {
				try (Subject subject = factory.apply(kind)) {
					long start = System.nanoTime();
					subject.call();
					long took = System.nanoTime() - start;
					if (round >= warmups) {
						samples.get(kind)[round - warmups] = took;
					}
				}
			}
		}
		Map<SubjectKind, Long> medians = new EnumMap<>(SubjectKind.class);
		samples.forEach((kind, values) -> medians.put(kind, median(values)));
		return medians;
	}

	/**
	 * First-call latency of fresh instances built with each library's defaults (no HTTP
	 * client of the caller's), closed after the call as a short-lived user would,
	 * interleaved so that noise hits every subject alike.
	 * @param kinds the libraries
	 * @param warmups rounds not counted
	 * @param rounds rounds counted
	 * @return median nanoseconds per subject
	 */
	Map<SubjectKind, Long> defaultsFirstToken(List<SubjectKind> kinds, int warmups, int rounds) {
		return medianFirstCall(kinds, warmups, rounds, (kind) -> Subjects.withLibraryDefaults(kind, this.endpoint));
	}

	/**
	 * One call against an endpoint that fails first.
	 * @param kind the library
	 * @param fault the fault
	 * @return the result
	 */
	FaultResult fault(SubjectKind kind, TokenEndpoint.FaultKind fault) {
		String clientId = TokenEndpoint.newClientId(kind.id());
		this.endpoint.faultThenTokens(clientId, fault);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Subject subject = Subjects.create(kind, this.endpoint, clientId)) {
			long start = System.nanoTime();
			String outcome;
			try {
				CompletableFuture.supplyAsync(subject::call, executor).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				outcome = "token";
			}
			catch (java.util.concurrent.ExecutionException ex) {
				outcome = describe(ex.getCause());
			}
			catch (java.util.concurrent.TimeoutException ex) {
				outcome = "no answer in " + CALL_TIMEOUT.toSeconds() + " s";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				outcome = "interrupted";
			}
			long took = System.nanoTime() - start;
			return new FaultResult(outcome, this.endpoint.requests(clientId), took);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getClass().getName().startsWith("reactor.")) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * What the released callers of a herd got.
	 *
	 * @param nanos time until every caller was answered, or -1 if some never were
	 * @param failures callers that got an error
	 */
	record HerdRun(long nanos, int failures) {

	}

	/**
	 * Thundering-herd result.
	 *
	 * @param requests token requests the endpoint saw
	 * @param nanos time until every caller was answered, or -1 if some never were
	 * @param failures callers that got an error
	 */
	record HerdResult(int requests, long nanos, int failures) {

	}

	/**
	 * Refresh-point result.
	 *
	 * @param calls calls made
	 * @param waited calls that waited for a fetch while a valid token existed
	 * @param requests token requests during the run
	 * @param maxNanos the slowest call
	 * @param failures calls that failed
	 * @param expiresIn the token lifetime used
	 * @param reportedMisses cache misses the library reported during the run, or -1
	 */
	record RefreshResult(long calls, long waited, int requests, long maxNanos, long failures, long expiresIn,
			long reportedMisses) {

	}

	/**
	 * Short-lifetime result.
	 *
	 * @param reused lifetimes whose token was reused
	 * @param notReused lifetimes whose token was not reused
	 */
	record LifetimeResult(List<Long> reused, List<Long> notReused) {

		/**
		 * Return the shortest lifetime from which on every longer one was reused too.
		 * @return the lifetime, or -1 if none
		 */
		long shortestReused() {
			long shortest = -1;
			for (int i = LIFETIMES.length - 1; i >= 0; i--) {
				if (!this.reused.contains(LIFETIMES[i])) {
					break;
				}
				shortest = LIFETIMES[i];
			}
			return shortest;
		}

	}

	/**
	 * Fault result.
	 *
	 * @param outcome {@code token} or the exception's simple name
	 * @param requests requests the endpoint saw
	 * @param nanos time until the call finished
	 */
	record FaultResult(String outcome, int requests, long nanos) {

	}

}
