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

/**
 * Microsoft Entra ID client-secret credential for Reactor and Spring WebClient, free of
 * Spring Boot.
 * <p>
 * Start with {@link io.github.entraidentity.credential.ClientSecretCredential}; a
 * {@code WebClient} gets its tokens through
 * {@link io.github.entraidentity.credential.BearerTokenFilter}, a {@code RestClient} or
 * {@code RestTemplate} through
 * {@link io.github.entraidentity.credential.BearerTokenInterceptor} (both follow
 * {@code BearerRequestRules}). A token request takes this path, each step a
 * package-private class with one job:
 * <ol>
 * <li>{@code ClientSecretCredential.getToken} (or {@code getTokenSync}, which waits on
 * the calling thread for the same steps) checks the request
 * ({@link io.github.entraidentity.credential.TokenRequestContext},
 * {@code ClaimsRequest}), resolves its tenant ({@code TenantResolver}) and turns it into
 * a {@code TokenKey}: tenant, scope set and CAE mode. Requests with claims pass
 * {@code ClaimsRequestLimiter}, which reuses the token of identical claims for a short
 * while and limits such requests per key.</li>
 * <li>{@code TokenCache} serves a fresh {@code CachedToken} with no I/O; inside the
 * refresh window it serves the valid token and starts one background refresh; without a
 * valid token it asks the persistent {@code TokenStore} ({@code FileTokenStore} behind
 * {@code BoundedTokenStore}, which bounds reads and persists in the background), if one
 * is configured, and then the network. Claims always go to the network.</li>
 * <li>{@code SingleFlight} lets all callers of one key share one fetch and its outcome; a
 * caller that cancels does not cancel it for the others.</li>
 * <li>{@code ObservedTokenFetcher} observes that fetch as {@code identity.token.fetch}
 * and reports its {@link io.github.entraidentity.credential.FetchOutcome} to the
 * {@link io.github.entraidentity.credential.CredentialEventListener} and to
 * {@code ClientSecretCredential.lastFetch()}.</li>
 * <li>{@code TokenEndpointClient} posts the client-credentials form to the tenant's token
 * endpoint, bounded by {@code EndpointSettings} and retried by {@code RetryPolicy};
 * transport errors become
 * {@link io.github.entraidentity.credential.TokenTransportException}s
 * ({@code TransportFailures}).</li>
 * <li>{@code TokenResponseParser} reads the response into an
 * {@link io.github.entraidentity.credential.AccessToken}, an Entra error
 * ({@link io.github.entraidentity.credential.ClientAuthenticationException}) or a
 * retryable status, and never lets the secret or a token into a message.</li>
 * </ol>
 */
@NullMarked
package io.github.entraidentity.credential;

import org.jspecify.annotations.NullMarked;
