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

package io.github.entraidentity.credential.web;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClaimsRequestLimitedException;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * A {@code WebClient} filter that authenticates every request with an access token from a
 * {@link EntraCredential} and answers claims challenges: <pre class="code">
 * WebClient api = webClientBuilder.filter(BearerTokenFilter.of(credential, "api://my-api/.default")).build();
 * </pre>
 * <p>
 * Each request gets {@code Authorization: Bearer <token>} from the credential's cache,
 * replacing any {@code Authorization} header it had; nothing blocks. When the API answers
 * {@code 401} with a {@code WWW-Authenticate: Bearer} challenge carrying
 * {@code error="insufficient_claims"} and {@code claims} (Continuous Access Evaluation,
 * see {@link ClaimsChallenge}), the filter asks the credential for a new token with those
 * claims and sends the request once more. It never retries twice: a second {@code 401} is
 * returned as it is. If the challenge cannot be answered, because it is malformed, the
 * body cannot be sent again, or the credential refuses another token request with claims
 * (see {@link EntraCredential#getToken(TokenRequestContext)} for its limits), the
 * {@code 401} is returned unchanged. Any other failure to get the new token is signalled
 * as the credential's error.
 * <p>
 * Request bodies: a request without a body can always be sent again. A request with a
 * body is sent again only if its body was written in one piece of at most
 * {@link #DEFAULT_MAX_REPLAY_BODY_SIZE} bytes (see {@link #withMaxReplayBodySize(int)}):
 * the filter keeps a copy of those bytes until the response arrives and resends the copy,
 * so {@code bodyValue(...)}, forms and even one-shot publishers are covered. Streaming
 * bodies (such as {@code application/x-ndjson}) and larger bodies are never resent.
 * <p>
 * A request can ask for a token from another tenant with the {@link #TENANT_ATTRIBUTE}
 * request attribute; the credential must allow that tenant.
 * <p>
 * Tokens are never logged, and the filter logs no headers. It refuses to send a token
 * over plain {@code http} except to a loopback address, unless
 * {@link #withPlainHttpAllowed(boolean) allowed}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class BearerTokenFilter implements ExchangeFilterFunction {

	/**
	 * Name of the request attribute that selects the tenant of the token for one request,
	 * for example {@code .attribute(BearerTokenFilter.TENANT_ATTRIBUTE, "tenant-b")}. The
	 * value must be a {@code String}; the credential must list the tenant in its
	 * additionally allowed tenants.
	 */
	public static final String TENANT_ATTRIBUTE = "io.github.entraidentity.credential.web.BearerTokenFilter.tenantId";

	/**
	 * Largest request body, in bytes, kept by default so that the request can be sent
	 * again after a claims challenge.
	 */
	public static final int DEFAULT_MAX_REPLAY_BODY_SIZE = 256 * 1024;

	private static final Log logger = LogFactory.getLog(BearerTokenFilter.class);

	private final EntraCredential credential;

	private final TokenRequestContext context;

	private final int maxReplayBodySize;

	private final boolean plainHttpAllowed;

	private BearerTokenFilter(EntraCredential credential, TokenRequestContext context, int maxReplayBodySize,
			boolean plainHttpAllowed) {
		this.credential = credential;
		this.context = context;
		this.maxReplayBodySize = maxReplayBodySize;
		this.plainHttpAllowed = plainHttpAllowed;
	}

	/**
	 * Create a filter that authenticates requests with tokens for the given scopes,
	 * without Continuous Access Evaluation.
	 * @param credential the credential that issues the tokens
	 * @param scopes the scopes, at least one, for example {@code api://my-api/.default}
	 * @return the filter
	 * @throws IllegalArgumentException if no scope is given or a scope is null or blank
	 */
	public static BearerTokenFilter of(EntraCredential credential, String... scopes) {
		Objects.requireNonNull(credential, "credential must not be null");
		if (scopes == null || scopes.length == 0 || Arrays.stream(scopes).anyMatch((s) -> s == null || s.isBlank())) {
			throw new IllegalArgumentException("BearerTokenFilter.of requires at least one scope and no null or blank"
					+ " scope; pass the API's scope, for example \"api://my-api/.default\"");
		}
		return new BearerTokenFilter(credential, TokenRequestContext.of(scopes), DEFAULT_MAX_REPLAY_BODY_SIZE, false);
	}

	/**
	 * Return a copy that requests Continuous Access Evaluation (CAE) tokens for every
	 * request. APIs that support CAE send claims challenges only to clients that declare
	 * the capability, and a token fetched for a challenge is the one served from the
	 * cache afterwards only when CAE is on.
	 * @param caeEnabled whether to request CAE tokens
	 * @return a new filter
	 */
	public BearerTokenFilter withCaeEnabled(boolean caeEnabled) {
		return new BearerTokenFilter(this.credential, this.context.withCaeEnabled(caeEnabled), this.maxReplayBodySize,
				this.plainHttpAllowed);
	}

	/**
	 * Return a copy that keeps request bodies up to the given size in memory, so that a
	 * request answered with a claims challenge can be sent again.
	 * @param maxBytes the largest body to keep, {@code 0} to never resend a request that
	 * has a body
	 * @return a new filter
	 * @throws IllegalArgumentException if {@code maxBytes} is negative
	 */
	public BearerTokenFilter withMaxReplayBodySize(int maxBytes) {
		if (maxBytes < 0) {
			throw new IllegalArgumentException(
					"maxReplayBodySize must not be negative but was " + maxBytes + "; use 0 to never resend a body");
		}
		return new BearerTokenFilter(this.credential, this.context, maxBytes, this.plainHttpAllowed);
	}

	/**
	 * Return a copy that also sends tokens over plain {@code http} to hosts other than
	 * loopback, for example behind a service mesh that encrypts the connection.
	 * @param plainHttpAllowed whether to allow plain HTTP to any host
	 * @return a new filter
	 */
	public BearerTokenFilter withPlainHttpAllowed(boolean plainHttpAllowed) {
		return new BearerTokenFilter(this.credential, this.context, this.maxReplayBodySize, plainHttpAllowed);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			BearerRequestRules.checkTransport(request.url(), this.plainHttpAllowed, BearerTokenFilter.class);
			TokenRequestContext context = this.context.withTenantId(BearerRequestRules
				.requestedTenant(request.attribute(TENANT_ATTRIBUTE).orElse(null), TENANT_ATTRIBUTE));
			ReplayableRequestBody body = ReplayableRequestBody.of(request, this.maxReplayBodySize);
			return this.credential.getToken(context)
				.flatMap((token) -> next.exchange(authorize(request, body.recording(), token)))
				.flatMap((response) -> answerClaimsChallenge(request, response, context, body, next));
		});
	}

	private Mono<ClientResponse> answerClaimsChallenge(ClientRequest request, ClientResponse response,
			TokenRequestContext context, ReplayableRequestBody body, ExchangeFunction next) {
		if (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return Mono.just(response);
		}
		Optional<ClaimsChallenge> challenge = BearerRequestRules
			.findClaimsChallenge(response.headers().header(HttpHeaders.WWW_AUTHENTICATE));
		if (challenge.isEmpty()) {
			return Mono.just(response);
		}
		BodyInserter<?, ? super ClientHttpRequest> replay = body.replay();
		if (replay == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not answering the claims challenge of " + describe(request) + ": its body was streamed,"
						+ " not completely written or larger than " + this.maxReplayBodySize + " bytes");
			}
			return Mono.just(response);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Answering the claims challenge of " + describe(request) + " with a new token");
		}
		TokenRequestContext claimsContext = context.withClaims(challenge.get().claims()).withCaeEnabled(true);
		// The 401 is kept until the token arrives: when the credential refuses another
		// request with claims, the caller gets the API's answer as it is
		return this.credential.getToken(claimsContext)
			.map(Optional::of)
			.onErrorResume(ClaimsRequestLimitedException.class, (ex) -> Mono.just(Optional.empty()))
			.onErrorResume((ex) -> response.releaseBody().then(Mono.error(ex)))
			.flatMap((token) -> token.isPresent()
					? response.releaseBody().then(next.exchange(authorize(request, replay, token.get())))
					: Mono.just(response));
	}

	private static ClientRequest authorize(ClientRequest request, BodyInserter<?, ? super ClientHttpRequest> body,
			AccessToken token) {
		return ClientRequest.from(request)
			.headers((headers) -> headers.setBearerAuth(token.token()))
			.body(body)
			.build();
	}

	private static String describe(ClientRequest request) {
		// Method and host only: paths and queries may carry secrets (for example SAS
		// tokens)
		return request.method() + " request to " + request.url().getHost();
	}

	@Override
	public String toString() {
		return "BearerTokenFilter[scopes=" + this.context.scopes() + ", caeEnabled=" + this.context.caeEnabled()
				+ ", maxReplayBodySize=" + this.maxReplayBodySize + "]";
	}

}
