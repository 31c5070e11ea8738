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
 * The machinery behind the credentials: not API, free to change in any release, left out
 * of the published Javadoc, and never part of a public signature outside this package.
 * <p>
 * Every credential is a thin class over one {@link TokenPipeline}, built from
 * {@link PipelineSettings} (the settings all credentials share) and a {@link TokenSource}
 * (where new tokens come from). App registration credentials use
 * {@link TokenEndpointClient} as their source, which proves the client's identity through
 * a {@link ClientAuthentication} such as {@link ClientSecrets}. A token request takes
 * this path, each step a class with one job:
 * <ol>
 * <li>{@code TokenPipeline.getToken} (or {@code getTokenSync}, which waits on the calling
 * thread for the same steps) checks the request ({@code TokenRequestContext},
 * {@link ClaimsRequest}), resolves its tenant ({@link TenantResolver}) and turns it into
 * a {@link TokenKey}: tenant, scope set and CAE mode. Requests with claims pass
 * {@link ClaimsRequestLimiter}, which reuses the token of identical claims for a short
 * while and limits such requests per key.</li>
 * <li>{@link TokenCache} serves a fresh {@link CachedToken} with no I/O; inside the
 * refresh window it serves the valid token and starts one background refresh; without a
 * valid token it asks the shared store, if one is configured ({@link FileTokenStore}
 * behind {@link BoundedTokenStore}, which bounds reads and persists in the background, or
 * a fleet's store such as Redis), and then the network. Claims always go to the network.
 * After Entra rejected a miss's fetch, misses of that key fail fast with its answer for a
 * short, growing period rather than asking again.</li>
 * <li>{@link SingleFlight} lets all callers of one key share one fetch and its outcome; a
 * caller that cancels does not cancel it for the others.</li>
 * <li>{@link ObservedTokenFetcher} observes that fetch as {@code identity.token.fetch}
 * and reports its {@code FetchOutcome} to the {@code CredentialEventListener} and to the
 * credential's {@code lastFetch()}.</li>
 * <li>The {@link TokenSource} requests the token. {@link TokenEndpointClient} asks its
 * {@link ClientAuthentication} for the proof's form fields ({@link ClientProof}):
 * {@link ClientSecrets} reads the secret in use from its {@code ClientSecretSource} (a
 * value, or a file re-read when replaced, through {@link BoundedFileReader}, the one rule
 * for every file the library reads) and, when Entra rejects it as wrong or expired, reads
 * the source once more, then tries the next secret of the ordered list and keeps the one
 * that works. The client posts the client-credentials form to the tenant's token
 * endpoint, bounded by {@link EndpointSettings} and retried by {@link RetryPolicy};
 * transport errors become {@code TokenTransportException}s ({@link TransportFailures}). A
 * managed identity's source is {@link ManagedIdentityClient}: a {@code GET} to the
 * {@link ManagedIdentityEndpoint} detected from the environment, for a
 * {@link ManagedIdentityId}, with the endpoints' own retry rules, read by
 * {@link ManagedIdentityResponseParser}.</li>
 * <li>{@link TokenResponseParser} reads the response into an {@code AccessToken}, an
 * Entra error ({@code ClientAuthenticationException}) or a retryable status, and never
 * lets the proof or a token into a message.</li>
 * </ol>
 */
@NullMarked
package io.github.entraidentity.credential.internal;

import org.jspecify.annotations.NullMarked;
