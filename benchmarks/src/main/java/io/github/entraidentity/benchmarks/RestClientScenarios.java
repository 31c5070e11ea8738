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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import io.github.entraidentity.testsupport.TestTls;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

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
	 * Call the API back to back from several threads with a warm token cache, first for a
	 * warm-up that is not counted (so the JIT has compiled the subject's path), then for
	 * the measured duration.
	 * @param kind {@link SubjectKind#OURS_SYNC} or {@link SubjectKind#SPRING_SECURITY}
	 * @param warmup how long to call before measuring
	 * @param duration how long to call while measuring
	 * @param threads how many threads call
	 * @return the result
	 * @throws InterruptedException if interrupted
	 */
	ThroughputResult cachedCalls(SubjectKind kind, Duration warmup, Duration duration, int threads)
			throws InterruptedException {
		try (Client client = client(kind, 0)) {
			callBackToBack(client, warmup, threads, new AtomicInteger());
			AtomicInteger failures = new AtomicInteger();
			long calls = callBackToBack(client, duration, threads, failures);
			return new ThroughputResult(calls / (duration.toNanos() / 1e9), this.endpoint.requests(client.clientId()),
					failures.get());
		}
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
		try (Client client = client(kind, Scenarios.ENDPOINT_DELAY_MILLIS)) {
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

	private Client client(SubjectKind kind, int delayMillis) {
		String clientId = TokenEndpoint.newClientId(kind.id() + "-rest");
		this.endpoint.tokens(clientId, 3600, delayMillis);
		return switch (kind) {
			case OURS_SYNC -> ours(clientId);
			case SPRING_SECURITY -> springSecurity(clientId);
			default -> throw new IllegalArgumentException("No RestClient interceptor for " + kind);
		};
	}

	private Client ours(String clientId) {
		ConnectionProvider connections = Subjects.connections(clientId);
		ClientSecretCredential credential = Subjects.oursBuilder(this.endpoint, clientId, connections).build();
		ConnectionProvider apiConnections = Subjects.connections(clientId + "-api");
		RestClient restClient = RestClient.builder()
			.requestFactory(requestFactory(apiConnections))
			.requestInterceptor(BearerTokenInterceptor.of(credential, TokenEndpoint.SCOPE))
			.build();
		return new Client(clientId, restClient, () -> {
			credential.close();
			connections.dispose();
			apiConnections.dispose();
		});
	}

	private Client springSecurity(String clientId) {
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
		ConnectionProvider apiConnections = Subjects.connections(clientId + "-api");
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		tokenClient.setRestClient(RestClient.builder()
			.requestFactory(requestFactory(connections))
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
		RestClient restClient = RestClient.builder()
			.requestFactory(requestFactory(apiConnections))
			.requestInterceptor(interceptor)
			.build();
		return new Client(clientId, restClient, () -> {
			connections.dispose();
			apiConnections.dispose();
		});
	}

	/**
	 * Return a blocking request factory, for {@code RestClient}, on the given pool that
	 * trusts the endpoint's certificate.
	 */
	private static ReactorClientHttpRequestFactory requestFactory(ConnectionProvider connections) {
		return new ReactorClientHttpRequestFactory(TestTls.httpClient(HttpClient.create(connections)));
	}

	/**
	 * Cached-calls result.
	 *
	 * @param callsPerSecond API calls per second
	 * @param tokenRequests token requests the endpoint saw
	 * @param failures calls that failed
	 */
	record ThroughputResult(double callsPerSecond, int tokenRequests, int failures) {

		/**
		 * Combine two runs of the same subject: mean throughput, the larger token count,
		 * all failures.
		 * @param other the other run
		 * @return the combined result
		 */
		ThroughputResult meanWith(ThroughputResult other) {
			return new ThroughputResult((this.callsPerSecond + other.callsPerSecond) / 2,
					Math.max(this.tokenRequests, other.tokenRequests), this.failures + other.failures);
		}

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
