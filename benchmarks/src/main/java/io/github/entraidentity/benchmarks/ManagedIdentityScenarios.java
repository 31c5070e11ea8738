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

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;
import io.github.entraidentity.emulator.ManagedIdentityReply;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Our {@link ManagedIdentityCredential} against azure-identity's
 * {@code ManagedIdentityCredential}, both with their defaults and pointed at the same
 * loopback IMDS stand-in (the test library's {@link ManagedIdentityEmulator}): the first
 * token of a new instance, cached calls, 1,000 cold callers and what each does through a
 * 410 window (IMDS during a host update). Every measurement asks for a resource of its
 * own, so that no instance finds another's token: MSAL, under azure-identity, keeps
 * managed identity tokens in one cache for the whole JVM.
 * <p>
 * azure-identity 1.18 hands managed identity to MSAL for Java, which reads the platform's
 * variables through its own static reader of the process environment, not through the
 * {@code Configuration} the builder takes. The scenarios set that reader (package-private
 * in MSAL, set by reflection) to variables that move IMDS to the stand-in; our credential
 * is given the same variables through its builder.
 *
 * @author Entra Identity contributors
 */
final class ManagedIdentityScenarios implements AutoCloseable {

	static final List<SubjectKind> KINDS = List.of(SubjectKind.OURS, SubjectKind.OURS_SYNC, SubjectKind.AZURE_ASYNC,
			SubjectKind.AZURE_SYNC);

	/**
	 * The subjects of the 410 window: one per library, each window lasting a minute.
	 */
	static final List<SubjectKind> GONE_WINDOW_KINDS = List.of(SubjectKind.OURS, SubjectKind.AZURE_SYNC);

	private static final Duration CALL_TIMEOUT = Duration.ofMinutes(3);

	private final ManagedIdentityEmulator imds = ManagedIdentityEmulator.start();

	private final AtomicInteger resources = new AtomicInteger();

	ManagedIdentityScenarios() {
		useEnvironmentInMsal(this.imds.imdsEnvironment());
	}

	/**
	 * First-call latency of new instances built with each library's defaults, closed
	 * after the call, interleaved; each call for a new resource.
	 * @param warmups rounds not counted
	 * @param rounds rounds counted
	 * @return median nanoseconds per subject
	 */
	Map<SubjectKind, Long> firstToken(int warmups, int rounds) {
		Map<SubjectKind, long[]> samples = new EnumMap<>(SubjectKind.class);
		KINDS.forEach((kind) -> samples.put(kind, new long[rounds]));
		for (int round = 0; round < warmups + rounds; round++) {
			for (SubjectKind kind : KINDS) {
				try (ManagedIdentitySubject subject = subject(kind)) {
					String scope = newScope(kind.id() + "-first");
					long start = System.nanoTime();
					subject.call(scope);
					long took = System.nanoTime() - start;
					if (round >= warmups) {
						samples.get(kind)[round - warmups] = took;
					}
				}
			}
		}
		Map<SubjectKind, Long> medians = new EnumMap<>(SubjectKind.class);
		samples.forEach((kind, values) -> medians.put(kind, Scenarios.median(values)));
		return medians;
	}

	/**
	 * Cached calls per second on one thread: one instance, one scope fetched once, then
	 * calls in a plain loop for the given time, the mean of two runs after a first.
	 * @param kind the subject
	 * @param millis how long each run lasts
	 * @return calls per second
	 */
	double cachedCallsPerSecond(SubjectKind kind, long millis) {
		try (ManagedIdentitySubject subject = subject(kind)) {
			String scope = newScope(kind.id() + "-cached");
			subject.call(scope);
			double rate = 0;
			for (int run = 0; run < 3; run++) {
				long calls = 0;
				long sink = 0;
				long start = System.nanoTime();
				long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
				while (System.nanoTime() < end) {
					for (int i = 0; i < 100; i++) {
						sink += subject.call(scope).length();
					}
					calls += 100;
				}
				double runRate = calls / ((System.nanoTime() - start) / 1e9);
				if (run > 0) {
					rate += ((sink == 42) ? runRate + 1 : runRate) / 2;
				}
			}
			return rate;
		}
	}

	/**
	 * 1,000 callers at once on a new instance, the stand-in answering after 20 ms.
	 * @param kind the subject
	 * @return the result
	 */
	Scenarios.HerdResult herd(SubjectKind kind) throws InterruptedException {
		this.imds.replyAlways(ManagedIdentityReply.slow(Duration.ofMillis(Scenarios.ENDPOINT_DELAY_MILLIS)));
		String scope = newScope(kind.id() + "-herd");
		try (ManagedIdentitySubject subject = subject(kind)) {
			Scenarios.HerdRun run = Scenarios.releaseHerd(subject.callAsync(scope), () -> subject.call(scope));
			return new Scenarios.HerdResult(requests(scope), run.nanos(), run.failures());
		}
		finally {
			this.imds.replyAlways(ManagedIdentityReply.token());
		}
	}

	/**
	 * One call by a new instance while the stand-in answers 410 for the given time, as
	 * IMDS does while its host is updated.
	 * @param kind the subject
	 * @param window how long 410 is answered, from just before the call
	 * @return the outcome, the requests the stand-in saw and the time until the call
	 * ended
	 */
	Scenarios.FaultResult goneWindow(SubjectKind kind, Duration window) {
		String scope = newScope(kind.id() + "-gone");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ManagedIdentitySubject subject = subject(kind)) {
			this.imds.goneFor(window);
			long start = System.nanoTime();
			String outcome;
			try {
				CompletableFuture.supplyAsync(() -> subject.call(scope), executor)
					.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				outcome = "token";
			}
			catch (ExecutionException ex) {
				outcome = describe(ex.getCause());
			}
			catch (TimeoutException ex) {
				outcome = "no answer in " + CALL_TIMEOUT.toSeconds() + " s";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				outcome = "interrupted";
			}
			return new Scenarios.FaultResult(outcome, requests(scope), System.nanoTime() - start);
		}
		finally {
			executor.shutdownNow();
			this.imds.reset();
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getClass().getName().startsWith("reactor.")) {
			cause = cause.getCause();
		}
		String message = String.valueOf(cause.getMessage());
		return cause.getClass().getSimpleName() + " ("
				+ ((message.length() > 120) ? message.substring(0, 120) + "..." : message) + ")";
	}

	private String newScope(String prefix) {
		return "https://" + prefix + "-" + this.resources.incrementAndGet() + ".benchmark/.default";
	}

	private int requests(String scope) {
		String resource = scope.substring(0, scope.length() - "/.default".length());
		return (int) this.imds.requestedResources().stream().filter(resource::equals).count();
	}

	private ManagedIdentitySubject subject(SubjectKind kind) {
		return switch (kind) {
			case OURS, OURS_SYNC -> ours(kind == SubjectKind.OURS);
			case AZURE_ASYNC, AZURE_SYNC -> azure(kind == SubjectKind.AZURE_ASYNC);
			default -> throw new IllegalArgumentException("No managed identity subject for " + kind);
		};
	}

	private ManagedIdentitySubject ours(boolean reactive) {
		ManagedIdentityCredential credential = ManagedIdentityCredential.builder()
			.environment(this.imds.imdsEnvironment()::get)
			.build();
		return new ManagedIdentitySubject() {

			@Override
			public String call(String scope) {
				return reactive ? credential.getToken(scope).block().token() : credential.getTokenSync(scope).token();
			}

			@Override
			public @Nullable Mono<String> callAsync(String scope) {
				return reactive ? Mono.defer(() -> credential.getToken(scope)).map(AccessToken::token) : null;
			}

			@Override
			public void close() {
				credential.close();
			}

		};
	}

	private static ManagedIdentitySubject azure(boolean async) {
		com.azure.identity.ManagedIdentityCredential credential = new ManagedIdentityCredentialBuilder().build();
		return new ManagedIdentitySubject() {

			@Override
			public String call(String scope) {
				TokenRequestContext context = new TokenRequestContext().addScopes(scope);
				return async ? credential.getToken(context).block().getToken()
						: credential.getTokenSync(context).getToken();
			}

			@Override
			public @Nullable Mono<String> callAsync(String scope) {
				TokenRequestContext context = new TokenRequestContext().addScopes(scope);
				return async ? Mono.defer(() -> credential.getToken(context))
					.map(com.azure.core.credential.AccessToken::getToken) : null;
			}

			@Override
			public void close() {
				// azure-identity's credential holds nothing to close
			}

		};
	}

	/**
	 * Make MSAL read the given variables before the process environment: its static
	 * reader ({@code ManagedIdentityApplication.setEnvironmentVariables},
	 * package-private) is what azure-identity's managed identity uses to find the
	 * endpoint.
	 * @param variables the variables
	 */
	private static void useEnvironmentInMsal(Map<String, String> variables) {
		try {
			Class<?> reader = Class.forName("com.microsoft.aad.msal4j.IEnvironmentVariables");
			Object environment = Proxy.newProxyInstance(reader.getClassLoader(), new Class<?>[] { reader },
					(proxy, method, args) -> switch (method.getName()) {
						case "getEnvironmentVariable" ->
							variables.getOrDefault((String) args[0], System.getenv((String) args[0]));
						case "toString" -> "benchmark environment " + variables;
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> throw new UnsupportedOperationException(method.getName());
					});
			Method setter = ManagedIdentityApplication.class.getDeclaredMethod("setEnvironmentVariables", reader);
			setter.setAccessible(true);
			setter.invoke(null, environment);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("This MSAL for Java has no environment reader to point at the IMDS stand-in"
					+ " (ManagedIdentityApplication.setEnvironmentVariables); adapt ManagedIdentityScenarios to it",
					ex);
		}
	}

	@Override
	public void close() {
		this.imds.close();
	}

	/**
	 * One library's managed identity credential.
	 */
	private interface ManagedIdentitySubject extends AutoCloseable {

		String call(String scope);

		@Nullable Mono<String> callAsync(String scope);

		@Override
		void close();

	}

}
