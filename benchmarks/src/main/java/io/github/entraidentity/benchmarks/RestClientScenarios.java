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

import java.net.http.HttpClient.Redirect;
import java.net.http.HttpClient.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import io.github.entraidentity.testsupport.TestTls;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * A servlet application's view: a {@code RestClient} calling a protected API, with our
 * {@code BearerTokenInterceptor} or with Spring Security's
 * {@code OAuth2ClientHttpRequestInterceptor} (client credentials, in-memory repositories,
 * its {@code RestClient} token client, defaults otherwise). Every client, for the API and
 * for tokens, runs on a pool of its own from {@link Subjects#connections(String)}, as in
 * the other scenarios.
 *
 * @author Entra Identity contributors
 */
final class RestClientScenarios {

	static final List<SubjectKind> INTERCEPTORS = List.of(SubjectKind.OURS_SYNC, SubjectKind.SPRING_SECURITY);

	private static final String API_PATH = "/api/orders";

	private final TokenEndpoint endpoint;

	private final String apiUrl;

	RestClientScenarios(TokenEndpoint endpoint) {
		this.endpoint = endpoint;
		this.apiUrl = endpoint.protectedApi(API_PATH);
	}

	/**
	 * Call the API back to back from several threads with a warm token cache, through our
	 * interceptor and Spring Security's in turn: both clients exist from the start and
	 * take short slices in the order ours, Spring Security, Spring Security, ours again
	 * and again, first for a warm-up that is not counted, then for the measured slices.
	 * The JIT keeps compiling the shared HTTP path (client and endpoint) for tens of
	 * seconds, so long runs one after the other favour whichever runs later; short
	 * alternating slices expose both to the same state of the JVM and the machine.
	 * @param factory the request factory under the {@code RestClient} of the API calls
	 * @param warmup how long each subject calls before measuring
	 * @param duration how long each subject calls while measuring
	 * @param slice the length of one slice
	 * @param threads how many threads call
	 * @return the result of each subject
	 * @throws InterruptedException if interrupted
	 */
	Map<SubjectKind, ThroughputResult> cachedCalls(Factory factory, Duration warmup, Duration duration, Duration slice,
			int threads) throws InterruptedException {
		Map<SubjectKind, Client> clients = new EnumMap<>(SubjectKind.class);
		try {
			for (SubjectKind kind : INTERCEPTORS) {
				clients.put(kind, client(kind, factory, 0));
			}
			Map<SubjectKind, List<Long>> calls = new EnumMap<>(SubjectKind.class);
			Map<SubjectKind, AtomicInteger> failures = new EnumMap<>(SubjectKind.class);
			INTERCEPTORS.forEach((kind) -> failures.put(kind, new AtomicInteger()));
			// Warm-up: counted nowhere
			alternate(clients, warmup, slice, threads, new EnumMap<>(SubjectKind.class), failures);
			failures.values().forEach((failed) -> failed.set(0));
			long slices = alternate(clients, duration, slice, threads, calls, failures);
			Map<SubjectKind, ThroughputResult> results = new EnumMap<>(SubjectKind.class);
			double seconds = slices * slice.toNanos() / 1e9;
			for (SubjectKind kind : INTERCEPTORS) {
				long[] perSlice = calls.getOrDefault(kind, List.of()).stream().mapToLong(Long::longValue).toArray();
				results.put(kind, new ThroughputResult(Arrays.stream(perSlice).sum() / seconds,
						this.endpoint.requests(clients.get(kind).clientId()), failures.get(kind).get(), perSlice));
			}
			return results;
		}
		finally {
			clients.values().forEach(Client::close);
		}
	}

	// Slices in the order A, B, B, A, ..., so that a drift in between cancels out;
	// records each slice's calls and returns the slices each subject had
	private long alternate(Map<SubjectKind, Client> clients, Duration each, Duration slice, int threads,
			Map<SubjectKind, List<Long>> calls, Map<SubjectKind, AtomicInteger> failures) throws InterruptedException {
		List<SubjectKind> forward = List.copyOf(clients.keySet());
		List<SubjectKind> backward = new ArrayList<>(forward);
		Collections.reverse(backward);
		long slices = Math.max(2, each.toNanos() / slice.toNanos() / 2 * 2);
		for (long i = 0; i < slices; i++) {
			for (SubjectKind kind : (i % 2 == 0) ? forward : backward) {
				long made = callBackToBack(clients.get(kind), slice, threads, failures.get(kind));
				calls.computeIfAbsent(kind, (key) -> new ArrayList<>()).add(made);
			}
		}
		return slices;
	}

	private long callBackToBack(Client client, Duration duration, int threads, AtomicInteger failures)
			throws InterruptedException {
		AtomicLong calls = new AtomicLong();
		long end = System.nanoTime() + duration.toNanos();
		Thread[] callers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			callers[t] = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						client.call(this.apiUrl);
						calls.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
				}
			});
			callers[t].start();
		}
		for (Thread caller : callers) {
			caller.join();
		}
		return calls.get();
	}

	/**
	 * Release {@link Scenarios#HERD_CALLERS} platform threads at once on a cold cache,
	 * each making one API call.
	 * @param kind {@link SubjectKind#OURS_SYNC} or {@link SubjectKind#SPRING_SECURITY}
	 * @return token requests, time until all answered, failures
	 * @throws InterruptedException if interrupted
	 */
	Scenarios.HerdResult herd(SubjectKind kind) throws InterruptedException {
		try (Client client = client(kind, Factory.REACTOR, Scenarios.ENDPOINT_DELAY_MILLIS)) {
			CountDownLatch start = new CountDownLatch(1);
			CountDownLatch answered = new CountDownLatch(Scenarios.HERD_CALLERS);
			AtomicInteger failures = new AtomicInteger();
			for (int i = 0; i < Scenarios.HERD_CALLERS; i++) {
				Thread caller = new Thread(() -> {
					try {
						start.await();
						client.call(this.apiUrl);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						failures.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
					finally {
						answered.countDown();
					}
				});
				caller.setDaemon(true);
				caller.start();
			}
			long begin = System.nanoTime();
			start.countDown();
			boolean all = answered.await(60, TimeUnit.SECONDS);
			long elapsed = System.nanoTime() - begin;
			return new Scenarios.HerdResult(this.endpoint.requests(client.clientId()), all ? elapsed : -1,
					failures.get());
		}
	}

	private Client client(SubjectKind kind, Factory factory, int delayMillis) {
		String clientId = TokenEndpoint.newClientId(kind.id() + "-rest");
		this.endpoint.tokens(clientId, 3600, delayMillis);
		Interceptor interceptor = interceptor(kind, clientId);
		ConnectionProvider apiConnections = Subjects.connections(clientId + "-api");
		RestClient restClient = RestClient.builder()
			.requestFactory(factory.create(apiConnections))
			.requestInterceptor(interceptor.interceptor())
			.build();
		return new Client(clientId, restClient, () -> {
			interceptor.close();
			apiConnections.dispose();
		});
	}

	/**
	 * Return the interceptor of the given kind with its token source, for a client id
	 * whose tokens the endpoint already answers.
	 * @param kind {@link SubjectKind#OURS_SYNC} or {@link SubjectKind#SPRING_SECURITY}
	 * @param clientId the client id
	 * @return the interceptor and what closes its token source
	 */
	Interceptor interceptor(SubjectKind kind, String clientId) {
		return switch (kind) {
			case OURS_SYNC -> ours(clientId);
			case SPRING_SECURITY -> springSecurity(clientId);
			default -> throw new IllegalArgumentException("No RestClient interceptor for " + kind);
		};
	}

	private Interceptor ours(String clientId) {
		ConnectionProvider connections = Subjects.connections(clientId);
		ClientSecretCredential credential = Subjects.oursBuilder(this.endpoint, clientId, connections).build();
		return new Interceptor(BearerTokenInterceptor.of(credential, TokenEndpoint.SCOPE), () -> {
			credential.close();
			connections.dispose();
		});
	}

	private Interceptor springSecurity(String clientId) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("entra")
			.clientId(clientId)
			.clientSecret(TokenEndpoint.SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.endpoint.tokenUri())
			.scope(TokenEndpoint.SCOPE)
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		// What Spring Security's own token client sets up, on a client that trusts the
		// endpoint
		List<HttpMessageConverter<?>> converters = List.of(new FormHttpMessageConverter(),
				new OAuth2AccessTokenResponseHttpMessageConverter());
		ConnectionProvider connections = Subjects.connections(clientId);
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		tokenClient.setRestClient(RestClient.builder()
			.requestFactory(Factory.REACTOR.create(connections))
			.messageConverters(converters)
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((builder) -> builder.accessTokenResponseClient(tokenClient))
			.build();
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> "entra");
		return new Interceptor(interceptor, connections::dispose);
	}

	/**
	 * The blocking request factory under a {@code RestClient}: servlet applications get
	 * Reactor Netty's or the JDK's, whichever Boot detects.
	 */
	enum Factory {

		/**
		 * {@code ReactorClientHttpRequestFactory}.
		 */
		REACTOR("Reactor Netty (`ReactorClientHttpRequestFactory`)"),

		/**
		 * {@code JdkClientHttpRequestFactory} on {@code java.net.http.HttpClient}.
		 */
		JDK("JDK `HttpClient` (`JdkClientHttpRequestFactory`)");

		private final String title;

		Factory(String title) {
			this.title = title;
		}

		String title() {
			return this.title;
		}

		/**
		 * Return a request factory that trusts the endpoint's certificate; on Reactor
		 * Netty it runs on the given pool.
		 * @param connections the pool (Reactor Netty only)
		 * @return the factory
		 */
		ClientHttpRequestFactory create(ConnectionProvider connections) {
			if (this == REACTOR) {
				return new ReactorClientHttpRequestFactory(TestTls.httpClient(HttpClient.create(connections)));
			}
			return new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
				.sslContext(TestTls.trustingJdkSslContext())
				.version(Version.HTTP_1_1)
				.followRedirects(Redirect.NEVER)
				.build());
		}

	}

	/**
	 * An interceptor and what closes its token source.
	 *
	 * @param interceptor the interceptor
	 * @param closer closes the token source and its pool
	 */
	record Interceptor(ClientHttpRequestInterceptor interceptor, Runnable closer) implements AutoCloseable {

		@Override
		public void close() {
			this.closer.run();
		}

	}

	/**
	 * Cached-calls result.
	 *
	 * @param callsPerSecond API calls per second
	 * @param tokenRequests token requests the endpoint saw
	 * @param failures calls that failed
	 * @param sliceCalls the calls made in each measured slice, in order
	 */
	record ThroughputResult(double callsPerSecond, int tokenRequests, int failures, long[] sliceCalls) {

	}

	private record Client(String clientId, RestClient restClient, Runnable closer) implements AutoCloseable {

		void call(String url) {
			this.restClient.get().uri(url).retrieve().toBodilessEntity();
		}

		@Override
		public void close() {
			this.closer.run();
		}

	}

}
