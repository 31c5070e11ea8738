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

package io.github.entraidentity.credential.internal;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.TokenTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import reactor.util.retry.Retry.RetrySignal;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Requests tokens from a managed identity endpoint (IMDS or App Service): a {@code GET}
 * naming the resource and the identity, retried as Microsoft documents for these
 * endpoints. 404, 429 and 5xx are retried with exponential backoff up to the credential's
 * retry count, {@code Retry-After} honoured; 410 (IMDS during a host update) is retried
 * for at least {@link #GONE_RETRY_WINDOW} whatever the retry count; other 4xx are not
 * retried; the total timeout bounds it all. Every wait runs on the credential's
 * scheduler. When IMDS cannot be connected to before it ever answered, the app is taken
 * to run off Azure and told so at once, without retries.
 *
 * @author Entra Identity contributors
 */
public final class ManagedIdentityClient implements TokenSource {

	/**
	 * How long 410 answers are retried at least, from the first one: IMDS answers 410 for
	 * up to 70 seconds while its host is updated.
	 */
	public static final Duration GONE_RETRY_WINDOW = Duration.ofSeconds(70);

	/**
	 * The client authentication method managed identity credentials report.
	 */
	public static final String METHOD = "managed_identity";

	private static final Log logger = LogFactory.getLog(ManagedIdentityClient.class);

	private final WebClient webClient;

	private final ManagedIdentityEndpoint endpoint;

	private final ManagedIdentityId identity;

	private final EndpointSettings settings;

	private final Scheduler scheduler;

	private final ManagedIdentityResponseParser parser;

	private final String target;

	// Whether the endpoint ever answered: until it has, a refused or timed-out connection
	// to IMDS means that there is no IMDS
	private volatile boolean answered;

	/**
	 * Create a client.
	 * @param webClient the client requests go through
	 * @param endpoint the endpoint
	 * @param identity the identity tokens are for
	 * @param settings the limits of each request
	 * @param scheduler the clock and the timer of timeouts and retry delays
	 */
	public ManagedIdentityClient(WebClient webClient, ManagedIdentityEndpoint endpoint, ManagedIdentityId identity,
			EndpointSettings settings, Scheduler scheduler) {
		this.webClient = webClient;
		this.endpoint = endpoint;
		this.identity = identity;
		this.settings = settings;
		this.scheduler = scheduler;
		// Loads and warms the JSON reader on the thread that builds the credential
		TokenResponseParser.load();
		this.parser = new ManagedIdentityResponseParser(endpoint, identity);
		this.target = "the managed identity " + endpoint.kind().displayName() + " (" + endpoint.host() + ")";
	}

	/**
	 * Return the factory of clients for the given endpoint and identity.
	 * @param endpoint the endpoint
	 * @param identity the identity tokens are for
	 * @return the factory
	 */
	public static TokenSource.Factory of(ManagedIdentityEndpoint endpoint, ManagedIdentityId identity) {
		return (webClient, settings) -> new ManagedIdentityClient(webClient, endpoint, identity, settings.endpoint(),
				settings.scheduler());
	}

	/**
	 * Return the resource a managed identity endpoint understands for the given request:
	 * its one scope without {@code /.default}.
	 * @param scopes the scopes
	 * @param claims the claims, or {@code null}
	 * @return the resource
	 * @throws CredentialUnavailableException when the request asks for what the endpoints
	 * cannot honour
	 */
	public static String resource(List<String> scopes, @Nullable String claims) {
		if (claims != null && !claims.isBlank()) {
			throw new CredentialUnavailableException("A managed identity credential cannot request a token with"
					+ " claims (such as a claims challenge): managed identity endpoints do not accept them.");
		}
		if (scopes.size() != 1) {
			throw new CredentialUnavailableException("A managed identity credential requests a token for one scope"
					+ " at a time, but " + scopes.size() + " were requested: managed identity endpoints take one"
					+ " resource. Request each resource's token separately, such as https://vault.azure.net/.default.");
		}
		String scope = scopes.get(0).strip();
		String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length())
				: scope;
		if (resource.isEmpty()) {
			throw new CredentialUnavailableException(
					"The scope names no resource; use a scope such as" + " https://management.azure.com/.default.");
		}
		return resource;
	}

	@Override
	public String host() {
		return this.endpoint.host();
	}

	@Override
	public ClientAuthenticationInUse clientAuthentication() {
		return new ClientAuthenticationInUse(METHOD, 1, 1, this.endpoint.describe() + ", " + this.identity.describe(),
				null);
	}

	@Override
	public Mono<AccessToken> requestToken(String tenantId, List<String> scopes, @Nullable String claims,
			AtomicInteger attempts) {
		URI uri;
		try {
			uri = this.endpoint.requestUri(resource(scopes, claims), this.identity);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		Duration total = this.settings.totalTimeout();
		return Mono.defer(() -> {
			RetryState state = new RetryState();
			Retry retry = Retry.from((signals) -> signals.concatMap((signal) -> retryOrFail(signal, state, attempts)));
			return Mono.defer(() -> attempt(uri, attempts)).retryWhen(retry);
		})
			.timeout(total, this.scheduler)
			.onErrorMap(TimeoutException.class,
					(ex) -> new TokenTransportException("Token request to " + this.target + " did not complete within "
							+ total.toMillis() + " ms (" + attempts.get()
							+ " attempt(s)); the endpoint kept failing or answering slowly, or raise the timeouts",
							host(), TokenTransportException.Kind.TIMEOUT, 0, ex));
	}

	private Mono<Long> retryOrFail(RetrySignal signal, RetryState state, AtomicInteger attempts) {
		Throwable failure = signal.failure();
		if (isUnreachable(failure)) {
			return Mono.error(unreachable(failure));
		}
		RetryPolicy policy = this.settings.retryPolicy();
		Duration delay;
		if (failure instanceof RetryableStatusException status && status.statusCode() == 410) {
			long now = now();
			if (state.goneSince < 0) {
				state.goneSince = now;
			}
			if (now - state.goneSince >= GONE_RETRY_WINDOW.toMillis()) {
				return Mono.error(finalFailure(failure, attempts.get()));
			}
			delay = policy.delayBefore(state.goneRetries++, failure);
		}
		else {
			if (state.retries >= policy.maxRetries() || !policy.isRetryable(failure)) {
				return Mono.error(finalFailure(failure, attempts.get()));
			}
			delay = policy.delayBefore(state.retries++, failure);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying token request to " + this.target + " in " + delay.toMillis() + " ms after: "
					+ describe(failure));
		}
		return Mono.delay(delay, this.scheduler);
	}

	private Mono<AccessToken> attempt(URI uri, AtomicInteger attempts) {
		attempts.incrementAndGet();
		long start = now();
		WebClient.RequestHeadersSpec<?> request = this.webClient.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, UserAgent.VALUE)
			.httpRequest(ReactorWiretap::remove);
		String identityHeader = this.endpoint.identityHeader();
		request = (identityHeader != null) ? request.header("X-IDENTITY-HEADER", identityHeader)
				: request.header("Metadata", "true");
		return request.exchangeToMono((response) -> readResponse(response, start))
			.timeout(this.settings.responseTimeout(), this.scheduler);
	}

	private Mono<AccessToken> readResponse(ClientResponse response, long start) {
		this.answered = true;
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		int maxBytes = this.settings.maxResponseBytes();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes)
			.map(TokenEndpointClient::toBytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> this.parser.tooLarge(status, maxBytes))
			.map((body) -> this.parser.parse(status, headers, body, start, now()));
	}

	private boolean isUnreachable(Throwable failure) {
		if (this.answered || this.endpoint.kind() != ManagedIdentityEndpoint.Kind.IMDS) {
			return false;
		}
		Throwable cause = TransportFailures.rootTransportCause(failure);
		return cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause.getClass().getSimpleName().contains("ConnectTimeout");
	}

	private CredentialUnavailableException unreachable(Throwable failure) {
		Throwable cause = TransportFailures.rootTransportCause(failure);
		return new CredentialUnavailableException("No managed identity endpoint at " + this.endpoint.describe()
				+ ": the connection failed (" + cause.getClass().getSimpleName()
				+ "). The app does not seem to run on Azure with a managed identity: off Azure use another credential;"
				+ " on a platform that moves IMDS set AZURE_POD_IDENTITY_AUTHORITY_HOST to its address.", cause);
	}

	private Throwable finalFailure(Throwable failure, int attempts) {
		if (failure instanceof ClientAuthenticationException || failure instanceof TokenTransportException
				|| failure instanceof IllegalArgumentException) {
			return failure;
		}
		return TransportFailures.toTransportException(failure, host(), this.target, attempts);
	}

	private static String describe(Throwable failure) {
		Throwable cause = TransportFailures.rootTransportCause(failure);
		return (failure instanceof RetryableStatusException) ? failure.getMessage() : cause.getClass().getSimpleName();
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	@Override
	public String toString() {
		return "ManagedIdentityClient[" + this.endpoint.describe() + ", " + this.identity.describe() + "]";
	}

	/**
	 * The retries of one token request: counted retries, and the 410 window.
	 */
	private static final class RetryState {

		private int retries;

		private int goneRetries;

		private long goneSince = -1;

	}

}
