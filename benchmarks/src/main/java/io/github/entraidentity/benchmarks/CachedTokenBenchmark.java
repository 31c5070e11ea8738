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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.azure.core.credential.TokenRequestContext;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;

/**
 * Cached {@code getToken}: every subject already holds a token that lives an hour, so
 * each call is a cache hit. Reactive results are consumed by a reusable subscriber, so
 * the figures hold the library's own cost and allocation, not the consumer's.
 *
 * @author Entra Identity contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CachedTokenBenchmark {

	private final List<ConnectionProvider> connections = new ArrayList<>();

	private @Nullable TokenEndpoint endpoint;

	private ClientSecretCredential ours;

	private com.azure.identity.ClientSecretCredential azure;

	private TokenRequestContext azureContext;

	private AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager spring;

	private Map<String, AccessToken> map;

	/**
	 * Start the endpoint, build each subject and fetch its first token.
	 */
	@Setup
	public void start() {
		TokenEndpoint endpoint = new TokenEndpoint();
		this.endpoint = endpoint;
		String oursId = TokenEndpoint.newClientId("ours");
		endpoint.tokens(oursId, 3600, 0);
		this.ours = Subjects.oursBuilder(endpoint, oursId, pool(oursId)).build();
		String azureId = TokenEndpoint.newClientId("azure");
		endpoint.tokens(azureId, 3600, 0);
		this.azure = Subjects.azureCredential(endpoint, azureId, pool(azureId));
		this.azureContext = new TokenRequestContext().addScopes(TokenEndpoint.SCOPE);
		String springId = TokenEndpoint.newClientId("spring");
		endpoint.tokens(springId, 3600, 0);
		this.spring = Subjects.springManager(endpoint, springId, Subjects.webClient(pool(springId)));
		AccessToken first = this.ours.getToken(TokenEndpoint.SCOPE).block();
		this.map = new ConcurrentHashMap<>(Map.of(TokenEndpoint.SCOPE, first));
		this.azure.getTokenSync(this.azureContext);
		this.azure.getToken(this.azureContext).block();
		this.spring.authorize(Subjects.springRequest()).block();
	}

	/**
	 * Check that every subject was served from its cache, then stop.
	 */
	@TearDown
	public void stop() {
		TokenEndpoint endpoint = this.endpoint;
		if (endpoint == null) {
			return;
		}
		for (String subject : List.of("ours", "azure", "spring")) {
			String clientId = subject + "-";
			System.out.println("token requests by " + subject + ": " + endpoint.requestsStartingWith(clientId));
		}
		this.ours.close();
		this.connections.forEach(ConnectionProvider::dispose);
		endpoint.close();
	}

	/**
	 * Our credential.
	 * @param sink the consumer
	 * @return the token
	 */
	@Benchmark
	public @Nullable Object ours(Sink sink) {
		return sink.await(this.ours.getToken(TokenEndpoint.SCOPE));
	}

	/**
	 * Our credential's blocking method: no subscriber at all.
	 * @return the token
	 */
	@Benchmark
	public AccessToken oursSync() {
		return this.ours.getTokenSync(TokenEndpoint.SCOPE);
	}

	/**
	 * azure-identity, async.
	 * @param sink the consumer
	 * @return the token
	 */
	@Benchmark
	public @Nullable Object azureAsync(Sink sink) {
		return sink.await(this.azure.getToken(this.azureContext));
	}

	/**
	 * azure-identity, sync.
	 * @return the token
	 */
	@Benchmark
	public Object azureSync() {
		return this.azure.getTokenSync(this.azureContext);
	}

	/**
	 * Spring Security, building the authorize request per call as applications do.
	 * @param sink the consumer
	 * @return the authorized client
	 */
	@Benchmark
	public @Nullable Object springSecurity(Sink sink) {
		return sink.await(this.spring.authorize(Subjects.springRequest()));
	}

	/**
	 * The floor: a map lookup and {@code Mono.just}.
	 * @param sink the consumer
	 * @return the token
	 */
	@Benchmark
	public @Nullable Object mapFloor(Sink sink) {
		return sink.await(Mono.just(this.map.get(TokenEndpoint.SCOPE)));
	}

	private ConnectionProvider pool(String name) {
		ConnectionProvider pool = Subjects.connections(name);
		this.connections.add(pool);
		return pool;
	}

	/**
	 * A reusable subscriber, one per benchmark thread: requests everything and waits
	 * (spinning) only if the publisher answers on another thread.
	 */
	@State(Scope.Thread)
	public static class Sink implements CoreSubscriber<Object> {

		private volatile boolean done;

		private @Nullable Object value;

		private @Nullable Throwable error;

		/**
		 * Subscribe and wait for the value.
		 * @param publisher the publisher
		 * @return the value
		 */
		public @Nullable Object await(Publisher<?> publisher) {
			this.value = null;
			this.error = null;
			this.done = false;
			publisher.subscribe(this);
			while (!this.done) {
				Thread.onSpinWait();
			}
			Throwable failure = this.error;
			if (failure != null) {
				throw new IllegalStateException("Token request failed", failure);
			}
			return this.value;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Object next) {
			this.value = next;
		}

		@Override
		public void onError(Throwable throwable) {
			this.error = throwable;
			this.done = true;
		}

		@Override
		public void onComplete() {
			this.done = true;
		}

	}

}
