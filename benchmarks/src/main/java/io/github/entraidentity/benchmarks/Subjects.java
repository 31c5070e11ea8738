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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.TestTls;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds each library with its defaults, pointed at the shared endpoint and trusting its
 * certificate. Every subject owns its connection pool.
 *
 * @author Entra Identity contributors
 */
final class Subjects {

	private Subjects() {
	}

	/**
	 * Create a subject with a new client id whose requests the endpoint answers with
	 * tokens.
	 * @param kind the library
	 * @param endpoint the endpoint
	 * @param expiresInSeconds {@code expires_in} of the tokens
	 * @param delayMillis the endpoint's delay
	 * @return the subject
	 */
	static Subject withTokens(SubjectKind kind, TokenEndpoint endpoint, long expiresInSeconds, int delayMillis) {
		String clientId = TokenEndpoint.newClientId(kind.id());
		endpoint.tokens(clientId, expiresInSeconds, delayMillis);
		return create(kind, endpoint, clientId);
	}

	/**
	 * Create a subject for an existing client id.
	 * @param kind the library
	 * @param endpoint the endpoint
	 * @param clientId the client id
	 * @return the subject
	 */
	static Subject create(SubjectKind kind, TokenEndpoint endpoint, String clientId) {
		ConnectionProvider connections = connections(clientId);
		return switch (kind) {
			case OURS -> ours(endpoint, clientId, connections, true);
			case OURS_SYNC -> ours(endpoint, clientId, connections, false);
			case AZURE_ASYNC -> azure(endpoint, clientId, connections, true);
			case AZURE_SYNC -> azure(endpoint, clientId, connections, false);
			case SPRING_SECURITY -> springSecurity(endpoint, clientId, connections);
			case WEBCLIENT_FLOOR -> webClient(endpoint, clientId, connections);
			case MAP_FLOOR -> map(clientId, connections);
		};
	}

	/**
	 * Create a subject as a new user builds it from the library's documentation, with no
	 * HTTP client of the caller's: ours from the builder alone, azure-identity with its
	 * default HTTP client, Spring Security's token client with its default
	 * {@code WebClient}. Each library then uses the connections it shares between
	 * instances, if it has any. The endpoint's certificate must be in the JVM's default
	 * trust store (see {@link TokenEndpoint#trustByDefault()}).
	 * @param kind the library
	 * @param endpoint the endpoint
	 * @return the subject
	 */
	static Subject withLibraryDefaults(SubjectKind kind, TokenEndpoint endpoint) {
		String clientId = TokenEndpoint.newClientId(kind.id() + "-defaults");
		endpoint.tokens(clientId, 3600, 0);
		return switch (kind) {
			case OURS -> {
				ClientSecretCredential credential = ClientSecretCredential.builder()
					.tenantId(TokenEndpoint.TENANT)
					.clientId(clientId)
					.clientSecret(TokenEndpoint.SECRET)
					.authority(endpoint.authority())
					.build();
				Mono<String> call = Mono.defer(() -> credential.getToken(TokenEndpoint.SCOPE)).map(AccessToken::token);
				yield new ReactiveSubject(kind, clientId, call, credential::close, () -> -1);
			}
			case AZURE_ASYNC, AZURE_SYNC -> {
				com.azure.identity.ClientSecretCredential credential = new ClientSecretCredentialBuilder()
					.tenantId(TokenEndpoint.TENANT)
					.clientId(clientId)
					.clientSecret(TokenEndpoint.SECRET)
					.authorityHost(endpoint.authority())
					.disableInstanceDiscovery()
					.build();
				TokenRequestContext context = new TokenRequestContext().addScopes(TokenEndpoint.SCOPE);
				if (kind == SubjectKind.AZURE_ASYNC) {
					Mono<String> call = Mono.defer(() -> credential.getToken(context))
						.map(com.azure.core.credential.AccessToken::getToken);
					yield new ReactiveSubject(kind, clientId, call, () -> {
					}, () -> -1);
				}
				yield new BlockingSubject(kind, clientId, () -> credential.getTokenSync(context).getToken(), () -> {
				});
			}
			case SPRING_SECURITY -> {
				AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = springManager(endpoint, clientId,
						null);
				Mono<String> call = Mono.defer(() -> manager.authorize(springRequest()))
					.map((client) -> client.getAccessToken().getTokenValue());
				yield new ReactiveSubject(kind, clientId, call, () -> {
				}, () -> -1);
			}
			default -> throw new IllegalArgumentException("No library defaults for " + kind);
		};
	}

	private static Subject ours(TokenEndpoint endpoint, String clientId, ConnectionProvider connections,
			boolean reactive) {
		AtomicLong misses = new AtomicLong();
		CredentialEventListener listener = new CredentialEventListener() {

			@Override
			public void cacheAccessed(CacheResult result) {
				if (result == CacheResult.MISS) {
					misses.incrementAndGet();
				}
			}

		};
		ClientSecretCredential credential = oursBuilder(endpoint, clientId, connections).eventListener(listener)
			.build();
		Runnable closer = () -> {
			credential.close();
			connections.dispose();
		};
		if (!reactive) {
			return new BlockingSubject(SubjectKind.OURS_SYNC, clientId,
					() -> credential.getTokenSync(TokenEndpoint.SCOPE).token(), closer);
		}
		Mono<String> call = Mono.defer(() -> credential.getToken(TokenEndpoint.SCOPE)).map(AccessToken::token);
		return new ReactiveSubject(SubjectKind.OURS, clientId, call, closer, misses::get);
	}

	/**
	 * Return a new connection pool. It queues without limit so that the herd scenario
	 * measures each library rather than Reactor Netty's default pending-acquire limit.
	 * @param name the pool name
	 * @return the pool
	 */
	static ConnectionProvider connections(String name) {
		return ConnectionProvider.builder(name).maxConnections(32).pendingAcquireMaxCount(-1).build();
	}

	/**
	 * Return a WebClient on the given pool that trusts the endpoint's certificate: every
	 * subject uses the same TLS provider and pool limits.
	 * @param connections the pool
	 * @return the client
	 */
	static WebClient webClient(ConnectionProvider connections) {
		return TestTls.webClient(HttpClient.create(connections));
	}

	/**
	 * Return a builder of our credential for a client id, with its defaults.
	 * @param endpoint the endpoint
	 * @param clientId the client id
	 * @param connections the pool
	 * @return the builder
	 */
	static ClientSecretCredential.Builder oursBuilder(TokenEndpoint endpoint, String clientId,
			ConnectionProvider connections) {
		return ClientSecretCredential.builder()
			.tenantId(TokenEndpoint.TENANT)
			.clientId(clientId)
			.clientSecret(TokenEndpoint.SECRET)
			.authority(endpoint.authority())
			.webClient(webClient(connections));
	}

	/**
	 * Build azure-identity's credential for a client id, with its defaults.
	 * @param endpoint the endpoint
	 * @param clientId the client id
	 * @param connections the pool
	 * @return the credential
	 */
	static com.azure.identity.ClientSecretCredential azureCredential(TokenEndpoint endpoint, String clientId,
			ConnectionProvider connections) {
		return new ClientSecretCredentialBuilder().tenantId(TokenEndpoint.TENANT)
			.clientId(clientId)
			.clientSecret(TokenEndpoint.SECRET)
			.authorityHost(endpoint.authority())
			.disableInstanceDiscovery()
			.httpClient(new NettyAsyncHttpClientBuilder(TestTls.httpClient(HttpClient.create(connections))).build())
			.build();
	}

	private static Subject azure(TokenEndpoint endpoint, String clientId, ConnectionProvider connections,
			boolean async) {
		com.azure.identity.ClientSecretCredential credential = azureCredential(endpoint, clientId, connections);
		TokenRequestContext context = new TokenRequestContext().addScopes(TokenEndpoint.SCOPE);
		if (async) {
			Mono<String> call = Mono.defer(() -> credential.getToken(context))
				.map(com.azure.core.credential.AccessToken::getToken);
			return new ReactiveSubject(SubjectKind.AZURE_ASYNC, clientId, call, connections::dispose, () -> -1);
		}
		return new BlockingSubject(SubjectKind.AZURE_SYNC, clientId, () -> credential.getTokenSync(context).getToken(),
				connections::dispose);
	}

	private static Subject springSecurity(TokenEndpoint endpoint, String clientId, ConnectionProvider connections) {
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = springManager(endpoint, clientId,
				webClient(connections));
		Mono<String> call = Mono.defer(() -> manager.authorize(springRequest()))
			.map((client) -> client.getAccessToken().getTokenValue());
		return new ReactiveSubject(SubjectKind.SPRING_SECURITY, clientId, call, connections::dispose, () -> -1);
	}

	/**
	 * Build Spring Security's manager with in-memory repositories and its WebClient token
	 * client, all defaults otherwise (clock skew 60 s, no retries).
	 * @param endpoint the endpoint
	 * @param clientId the client id
	 * @param webClient the WebClient of the token client, or {@code null} for the token
	 * client's default
	 * @return the manager
	 */
	static AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager springManager(TokenEndpoint endpoint,
			String clientId, @Nullable WebClient webClient) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("entra")
			.clientId(clientId)
			.clientSecret(TokenEndpoint.SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(endpoint.tokenUri())
			.scope(TokenEndpoint.SCOPE)
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		if (webClient != null) {
			tokenClient.setWebClient(webClient);
		}
		ReactiveOAuth2AuthorizedClientProvider provider = ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((builder) -> builder.accessTokenResponseClient(tokenClient))
			.build();
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	/**
	 * Return the request an application builds for each call, as Spring Security's
	 * documentation shows.
	 * @return the request
	 */
	static OAuth2AuthorizeRequest springRequest() {
		return OAuth2AuthorizeRequest.withClientRegistrationId("entra").principal("benchmark").build();
	}

	private static Subject webClient(TokenEndpoint endpoint, String clientId, ConnectionProvider connections) {
		WebClient webClient = webClient(connections);
		Mono<String> call = webClientPost(webClient, endpoint, clientId);
		return new ReactiveSubject(SubjectKind.WEBCLIENT_FLOOR, clientId, call, connections::dispose, () -> -1);
	}

	/**
	 * Return a bare POST of the client-credentials form, answering the token value.
	 * @param webClient the client
	 * @param endpoint the endpoint
	 * @param clientId the client id
	 * @return the lazy request
	 */
	static Mono<String> webClientPost(WebClient webClient, TokenEndpoint endpoint, String clientId) {
		String form = "client_id=" + clientId + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client_secret="
				+ TokenEndpoint.SECRET + "&grant_type=client_credentials";
		return webClient.post()
			.uri(endpoint.tokenUri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form)
			.retrieve()
			.bodyToMono(String.class)
			.map(Subjects::accessToken);
	}

	private static Subject map(String clientId, ConnectionProvider connections) {
		Map<String, String> tokens = new ConcurrentHashMap<>(Map.of(TokenEndpoint.SCOPE, clientId + ".cached"));
		Mono<String> call = Mono.defer(() -> Mono.just(tokens.get(TokenEndpoint.SCOPE)));
		return new ReactiveSubject(SubjectKind.MAP_FLOOR, clientId, call, connections::dispose, () -> -1);
	}

	private static String accessToken(String json) {
		String key = "\"access_token\":\"";
		int start = json.indexOf(key) + key.length();
		return json.substring(start, json.indexOf('"', start));
	}

	private record ReactiveSubject(SubjectKind kind, String clientId, Mono<String> request, Runnable closer,
			LongSupplier misses) implements Subject {

		@Override
		public long reportedCacheMisses() {
			return this.misses.getAsLong();
		}

		@Override
		public String call() {
			String token = this.request.block();
			if (token == null) {
				throw new IllegalStateException(this.kind + " completed without a token");
			}
			return token;
		}

		@Override
		public Mono<String> callAsync() {
			return this.request;
		}

		@Override
		public void close() {
			this.closer.run();
		}

	}

	private record BlockingSubject(SubjectKind kind, String clientId, Supplier<String> request,
			Runnable closer) implements Subject {

		@Override
		public String call() {
			return this.request.get();
		}

		@Override
		public @Nullable Mono<String> callAsync() {
			return null;
		}

		@Override
		public void close() {
			this.closer.run();
		}

	}

}
