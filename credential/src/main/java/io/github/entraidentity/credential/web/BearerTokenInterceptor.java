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

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClaimsRequestLimitedException;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@code RestClient} and {@code RestTemplate} interceptor that authenticates every
 * request with an access token from a {@link EntraCredential} and answers claims
 * challenges, the blocking counterpart of {@link BearerTokenFilter}: <pre class="code">
 * RestClient api = restClientBuilder.requestInterceptor(BearerTokenInterceptor.of(credential, "api://my-api/.default")).build();
 * </pre>
 * <p>
 * Each request gets {@code Authorization: Bearer <token>} from
 * {@link EntraCredential#getTokenSync(TokenRequestContext)}, replacing any
 * {@code Authorization} header it had: a cached token costs no request, and concurrent
 * callers on a cold cache, blocking or reactive, share one token request. When the API
 * answers {@code 401} with a {@code WWW-Authenticate: Bearer} challenge carrying
 * {@code error="insufficient_claims"} and {@code claims} (see {@link ClaimsChallenge}),
 * the interceptor asks the credential for a new token with those claims and sends the
 * request once more; the body is a byte array here, so it can always be sent again. It
 * never retries twice: a second {@code 401} is returned as it is, and so is a {@code 401}
 * whose challenge cannot be used. A failure to get a token is thrown as the credential's
 * exception.
 * <p>
 * A request can ask for a token from another tenant with the {@link #TENANT_ATTRIBUTE}
 * request attribute; the credential must allow that tenant.
 * <p>
 * Tokens are never logged, and the interceptor logs no headers. It refuses to send a
 * token over plain {@code http} except to a loopback address, unless
 * {@link #withPlainHttpAllowed(boolean) allowed}. Like
 * {@link EntraCredential#getTokenSync(String)} it must not run on a non-blocking
 * (Reactor) thread.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * Name of the request attribute that selects the tenant of the token for one request,
	 * for example {@code .attribute(BearerTokenInterceptor.TENANT_ATTRIBUTE, "tenant-b")}
	 * on a {@code RestClient} request. The value must be a {@code String}; the credential
	 * must list the tenant in its additionally allowed tenants.
	 */
	public static final String TENANT_ATTRIBUTE = "io.github.entraidentity.credential.web.BearerTokenInterceptor.tenantId";

	private static final Log logger = LogFactory.getLog(BearerTokenInterceptor.class);

	private final EntraCredential credential;

	private final TokenRequestContext context;

	private final boolean plainHttpAllowed;

	// The one scope of a plain context (no CAE, tenant or claims), or null: such requests
	// take the credential's one-scope path, which reads the cache without building a key
	private final @Nullable String singleScope;

	// The header of the token sent last: a cached token is the same instance call after
	// call, so its header is not built again (real tokens are kilobytes long)
	private volatile @Nullable BearerHeader lastHeader;

	private BearerTokenInterceptor(EntraCredential credential, TokenRequestContext context, boolean plainHttpAllowed) {
		this.credential = credential;
		this.context = context;
		this.plainHttpAllowed = plainHttpAllowed;
		this.singleScope = (context.scopes().size() == 1 && !context.caeEnabled() && context.tenantId() == null
				&& context.claims() == null) ? context.scopes().get(0) : null;
	}

	/**
	 * Create an interceptor that authenticates requests with tokens for the given scopes,
	 * without Continuous Access Evaluation.
	 * @param credential the credential that issues the tokens
	 * @param scopes the scopes, at least one, for example {@code api://my-api/.default}
	 * @return the interceptor
	 * @throws IllegalArgumentException if no scope is given or a scope is null or blank
	 */
	public static BearerTokenInterceptor of(EntraCredential credential, String... scopes) {
		Objects.requireNonNull(credential, "credential must not be null");
		if (scopes == null || scopes.length == 0 || Arrays.stream(scopes).anyMatch((s) -> s == null || s.isBlank())) {
			throw new IllegalArgumentException("BearerTokenInterceptor.of requires at least one scope and no null or"
					+ " blank scope; pass the API's scope, for example \"api://my-api/.default\"");
		}
		return new BearerTokenInterceptor(credential, TokenRequestContext.of(scopes), false);
	}

	/**
	 * Return a copy that requests Continuous Access Evaluation (CAE) tokens for every
	 * request. APIs that support CAE send claims challenges only to clients that declare
	 * the capability, and a token fetched for a challenge is the one served from the
	 * cache afterwards only when CAE is on.
	 * @param caeEnabled whether to request CAE tokens
	 * @return a new interceptor
	 */
	public BearerTokenInterceptor withCaeEnabled(boolean caeEnabled) {
		return new BearerTokenInterceptor(this.credential, this.context.withCaeEnabled(caeEnabled),
				this.plainHttpAllowed);
	}

	/**
	 * Return a copy that also sends tokens over plain {@code http} to hosts other than
	 * loopback, for example behind a service mesh that encrypts the connection.
	 * @param plainHttpAllowed whether to allow plain HTTP to any host
	 * @return a new interceptor
	 */
	public BearerTokenInterceptor withPlainHttpAllowed(boolean plainHttpAllowed) {
		return new BearerTokenInterceptor(this.credential, this.context, plainHttpAllowed);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		BearerRequestRules.checkTransport(request.getURI(), this.plainHttpAllowed, BearerTokenInterceptor.class);
		String tenant = BearerRequestRules.requestedTenant(request.getAttributes().get(TENANT_ATTRIBUTE),
				TENANT_ATTRIBUTE);
		TokenRequestContext context = (tenant != null) ? this.context.withTenantId(tenant) : this.context;
		AccessToken token = (tenant == null && this.singleScope != null)
				? this.credential.getTokenSync(this.singleScope) : this.credential.getTokenSync(context);
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, header(token));
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		Optional<ClaimsChallenge> challenge = BearerRequestRules
			.findClaimsChallenge(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE));
		if (challenge.isEmpty()) {
			return response;
		}
		if (logger.isDebugEnabled()) {
			// Method and host only: paths and queries may carry secrets (such as SAS
			// tokens)
			logger.debug("Answering the claims challenge of " + request.getMethod() + " request to "
					+ request.getURI().getHost() + " with a new token");
		}
		TokenRequestContext claimsContext = context.withClaims(challenge.get().claims()).withCaeEnabled(true);
		AccessToken answer;
		try {
			answer = this.credential.getTokenSync(claimsContext);
		}
		catch (ClaimsRequestLimitedException ex) {
			// The credential refuses another request with claims for now: the caller
			// gets the API's answer as it is
			return response;
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		response.close();
		request.getHeaders().setBearerAuth(answer.token());
		return execution.execute(request, body);
	}

	private String header(AccessToken token) {
		BearerHeader last = this.lastHeader;
		if (last != null && last.token() == token) {
			return last.value();
		}
		BearerHeader header = new BearerHeader(token, "Bearer " + token.token());
		this.lastHeader = header;
		return header.value();
	}

	/**
	 * A token and its {@code Authorization} header value.
	 *
	 * @param token the token
	 * @param value {@code Bearer <token>}
	 */
	private record BearerHeader(AccessToken token, String value) {

		@Override
		public String toString() {
			// The value is the token
			return "BearerHeader[value hidden]";
		}

	}

	@Override
	public String toString() {
		return "BearerTokenInterceptor[scopes=" + this.context.scopes() + ", caeEnabled=" + this.context.caeEnabled()
				+ "]";
	}

}
