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

package io.github.entraidentity.azure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An {@link EntraCredential}, of any type, as the Azure SDK's {@link TokenCredential}, so
 * that SDK clients (Blob Storage, Key Vault, Service Bus, ...) share the credential's
 * cache, single flight, background refresh, metrics and health with the application's own
 * calls: <pre class="code">
 * BlobServiceClient blobs = new BlobServiceClientBuilder().endpoint(url)
 *     .credential(AzureCoreTokenCredential.of(credential))
 *     .buildClient();
 * </pre> The SDK's {@link TokenRequestContext} maps completely: its scopes, its claims (a
 * claims challenge, which bypasses the cache), its tenant (under the credential's tenant
 * rules, {@code additionallyAllowedTenants}) and its Continuous Access Evaluation flag
 * (which the SDK's bearer policy sets by default, answering claims challenges itself).
 * The SDK's {@link AccessToken} carries the credential's refresh point as
 * {@link AccessToken#getRefreshAt()}, so the SDK asks again when the credential refreshes
 * instead of five minutes before expiry by a rule of its own.
 * <p>
 * The SDK's blocking clients call {@link #getTokenSync}, which takes the credential's
 * synchronous path rather than blocking on the reactive one.
 * <p>
 * An authentication failure reaches the SDK as its own
 * {@link com.azure.core.exception.ClientAuthenticationException}, the credential's
 * exception as its cause; other failures pass unchanged.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class AzureCoreTokenCredential implements TokenCredential {

	private final EntraCredential credential;

	private AzureCoreTokenCredential(EntraCredential credential) {
		this.credential = credential;
	}

	/**
	 * Return the given credential as an Azure SDK {@link TokenCredential}. Closing stays
	 * with whoever owns the credential.
	 * @param credential the credential
	 * @return the SDK credential backed by it
	 */
	public static AzureCoreTokenCredential of(EntraCredential credential) {
		Objects.requireNonNull(credential,
				"credential must not be null: pass the EntraCredential that should serve the Azure SDK's tokens");
		return new AzureCoreTokenCredential(credential);
	}

	/**
	 * Return the credential that serves the tokens.
	 * @return the credential
	 */
	public EntraCredential credential() {
		return this.credential;
	}

	/**
	 * Get a token for the SDK through the credential's reactive path. Lazy: nothing
	 * happens until subscription.
	 * @param request the SDK's description of the token
	 * @return the token, or an error
	 */
	@Override
	public Mono<AccessToken> getToken(TokenRequestContext request) {
		return Mono.defer(() -> this.credential.getToken(toContext(request)))
			.map(AzureCoreTokenCredential::toAzure)
			.onErrorMap(ClientAuthenticationException.class, AzureCoreTokenCredential::toAzure);
	}

	/**
	 * Get a token for the SDK's blocking clients through the credential's own synchronous
	 * path
	 * ({@link EntraCredential#getTokenSync(io.github.entraidentity.credential.TokenRequestContext)}):
	 * a fresh cached token without Reactor machinery, otherwise a share of the one
	 * request that blocking and reactive callers of the token wait for, bounded by the
	 * credential's total timeout. Not {@code getToken(...).block()}, the SDK's default.
	 * @param request the SDK's description of the token
	 * @return the token
	 * @throws IllegalStateException if called on a non-blocking (Reactor) thread
	 * @throws com.azure.core.exception.ClientAuthenticationException if Entra refuses the
	 * request
	 */
	@Override
	public AccessToken getTokenSync(TokenRequestContext request) {
		try {
			return toAzure(this.credential.getTokenSync(toContext(request)));
		}
		catch (ClientAuthenticationException ex) {
			throw toAzure(ex);
		}
	}

	/**
	 * Map the SDK's request context onto the credential's.
	 * @param request the SDK's context
	 * @return the credential's context
	 * @throws IllegalArgumentException if the request cannot be served
	 */
	static io.github.entraidentity.credential.TokenRequestContext toContext(TokenRequestContext request) {
		Objects.requireNonNull(request, "request must not be null");
		if (request.getProofOfPossessionOptions() != null) {
			throw new IllegalArgumentException("The SDK asked for a proof-of-possession token, but"
					+ " the credential issues bearer tokens only; use a client that sends bearer tokens");
		}
		List<String> scopes = request.getScopes();
		if (scopes == null || scopes.isEmpty()) {
			throw new IllegalArgumentException("The SDK's TokenRequestContext has no scope; an Azure SDK client"
					+ " normally sets one such as \"https://storage.azure.com/.default\", so set the client's"
					+ " audience or scope");
		}
		return io.github.entraidentity.credential.TokenRequestContext.of(scopes.toArray(String[]::new))
			.withClaims(blankToNull(request.getClaims()))
			.withTenantId(blankToNull(request.getTenantId()))
			.withCaeEnabled(request.isCaeEnabled());
	}

	static AccessToken toAzure(io.github.entraidentity.credential.AccessToken token) {
		return new AccessToken(token.token(), utc(token.expiresOn()), utcOrNull(token.refreshOn()), token.tokenType());
	}

	private static com.azure.core.exception.ClientAuthenticationException toAzure(ClientAuthenticationException ex) {
		return new com.azure.core.exception.ClientAuthenticationException(ex.getMessage(), null, ex);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
		return (instant != null) ? utc(instant) : null;
	}

	@Override
	public String toString() {
		return "AzureCoreTokenCredential[" + this.credential + "]";
	}

}
