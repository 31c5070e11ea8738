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

package io.github.entraidentity.credential.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.TokenTransportException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one token request to Entra (all its attempts), without the token or the
 * secret.
 *
 * @param finishedAt when the request finished
 * @param tenantId the tenant the request went to
 * @param scopes the scopes requested
 * @param cae whether a CAE-capable token was requested
 * @param duration how long the request took, retries included
 * @param attempts how many HTTP attempts were made (1 without retries)
 * @param expiresOn when the obtained token expires, or {@code null} on failure
 * @param failure the failure, or {@code null} on success: a
 * {@link ClientAuthenticationException}, a {@link TokenTransportException} or another
 * exception
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record FetchOutcome(Instant finishedAt, String tenantId, List<String> scopes, boolean cae, Duration duration,
		int attempts, @Nullable Instant expiresOn, @Nullable Throwable failure) {

	/**
	 * Return whether a token was obtained.
	 * @return whether the request succeeded
	 */
	public boolean succeeded() {
		return this.failure == null;
	}

	/**
	 * OAuth error codes Microsoft Entra ID sends to a client credentials request (RFC
	 * 6749 section 5.2 and Entra's additions). Any other value is an authority's own and
	 * is reported as its HTTP status class, so that a hostile or broken authority cannot
	 * make up metric tags.
	 */
	private static final Set<String> ENTRA_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_resource", "access_denied",
			"consent_required", "interaction_required", "login_required", "server_error", "temporarily_unavailable",
			"expired_token", "invalid_token", "unsupported_response_type");

	/**
	 * Return a low-cardinality code for the failure: Entra's error code (such as
	 * {@code invalid_client}) when it is one Entra is known to send, the transport
	 * failure kind (such as {@code timeout}), the HTTP status class, or {@code none} on
	 * success.
	 * @return the error code
	 */
	public String errorCode() {
		Throwable failure = this.failure;
		if (failure == null) {
			return "none";
		}
		if (failure instanceof ClientAuthenticationException authentication) {
			if (authentication.error() != null && ENTRA_ERRORS.contains(authentication.error())) {
				return authentication.error();
			}
			if (authentication.statusCode() > 0) {
				return (authentication.statusCode() / 100) + "xx";
			}
			return (failure instanceof CredentialUnavailableException) ? "credential_unavailable"
					: "authentication_failed";
		}
		if (failure instanceof TokenTransportException transport) {
			return (transport.kind() == TokenTransportException.Kind.HTTP_STATUS)
					? (transport.statusCode() / 100) + "xx" : transport.kind().tag();
		}
		return "client_error";
	}

}
