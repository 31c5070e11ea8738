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
package io.github.entraidentity.credential;

import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A source of Microsoft Entra ID access tokens: what every credential of this library
 * implements ({@link ClientSecretCredential} and the other ways a client proves who it
 * is) and what everything that needs tokens takes (the web filters, the Azure SDK
 * adapter, health, metrics and the Spring Boot auto-configuration). Program against it,
 * not a concrete credential, so that switching from a secret to another proof changes one
 * bean.
 * <p>
 * Only {@link #getToken(TokenRequestContext)} must be implemented, so a test can fake a
 * credential with a lambda: <pre class="code">
 * EntraCredential fake = (context) -&gt; Mono.just(new AccessToken("token", expiresOn));
 * </pre> The library's credentials override every method: their cached tokens are served
 * without I/O and, for one scope, without allocating.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface EntraCredential extends AutoCloseable {

	/**
	 * Request an access token described by the context: its scopes, claims, tenant and
	 * CAE mode. The returned {@code Mono} is lazy and can be subscribed again.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 */
	Mono<AccessToken> getToken(TokenRequestContext context);

	/**
	 * Request an access token for one scope from the credential's own tenant, without
	 * CAE: the common call.
	 * @param scope the scope, for example {@code https://graph.microsoft.com/.default}
	 * @return the token
	 */
	default Mono<AccessToken> getToken(String scope) {
		return getToken(new String[] { scope });
	}

	/**
	 * Request an access token for the given scopes from the credential's own tenant,
	 * without CAE.
	 * @param scopes the scopes, at least one
	 * @return the token
	 */
	default Mono<AccessToken> getToken(String... scopes) {
		return Mono.defer(() -> getToken(TokenRequestContext.of(scopes)));
	}

	/**
	 * Return an access token for one scope from the credential's own tenant, without CAE,
	 * waiting on the calling thread: the blocking counterpart of
	 * {@link #getToken(String)} for servlet applications, {@code RestClient} interceptors
	 * and virtual threads.
	 * @param scope the scope, for example {@code https://graph.microsoft.com/.default}
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 */
	default AccessToken getTokenSync(String scope) {
		return getTokenSync(TokenRequestContext.of(scope));
	}

	/**
	 * Return an access token for the given scopes from the credential's own tenant,
	 * without CAE, waiting on the calling thread. See {@link #getTokenSync(String)}.
	 * @param scopes the scopes, at least one
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 */
	default AccessToken getTokenSync(String... scopes) {
		return getTokenSync(TokenRequestContext.of(scopes));
	}

	/**
	 * Return an access token described by the context, waiting on the calling thread: the
	 * blocking counterpart of {@link #getToken(TokenRequestContext)}. See
	 * {@link #getTokenSync(String)}.
	 * @param context the scopes, claims, tenant and CAE mode
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws ClientAuthenticationException if Entra refuses the request
	 * @throws TokenTransportException if Entra cannot be reached in time
	 */
	default AccessToken getTokenSync(TokenRequestContext context) {
		return Objects.requireNonNull(getToken(context).block(), "the credential completed without a token");
	}

	/**
	 * Return the tenant the credential requests tokens from unless a request names
	 * another.
	 * @return the tenant id, or {@code null} when the credential has none of its own
	 */
	default @Nullable String tenantId() {
		return null;
	}

	/**
	 * Return the application (client) id the credential acts as.
	 * @return the client id, or {@code null} when the credential does not know it
	 */
	default @Nullable String clientId() {
		return null;
	}

	/**
	 * Return the authority that issues the credential's tokens, such as
	 * {@code https://login.microsoftonline.com}.
	 * @return the authority URL, or {@code null} when tokens come from elsewhere
	 */
	default @Nullable String authority() {
		return null;
	}

	/**
	 * Return the cached tokens that have not expired, by what they are for. Tokens
	 * themselves are not exposed: the view carries only their timing.
	 * @return the cached token views, empty when the credential caches nothing
	 */
	default List<CachedTokenView> cachedTokens() {
		return List.of();
	}

	/**
	 * Return the outcome of the most recent token request.
	 * @return the outcome, or {@code null} when no request was made yet
	 */
	default @Nullable FetchOutcome lastFetch() {
		return null;
	}

	/**
	 * Describe how the credential proves itself to Entra (its method, which proof is in
	 * use and where it comes from), never the proof itself.
	 * @return the client authentication in use, or {@code null} when the credential does
	 * not say
	 */
	default @Nullable ClientAuthenticationInUse clientAuthentication() {
		return null;
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return whether the credential is closed
	 */
	default boolean isClosed() {
		return false;
	}

	/**
	 * Release what the credential holds (HTTP connections, a persistent cache). Cached
	 * tokens may still be served afterwards; anything that needs the network fails with
	 * {@link CredentialUnavailableException}. Idempotent.
	 */
	@Override
	default void close() {
	}

}
