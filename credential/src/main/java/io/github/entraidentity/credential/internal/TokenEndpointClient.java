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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.TokenTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends client-credentials token requests to Entra's v2.0 token endpoint, with one retry
 * layer and bounded time. The client proves itself through its
 * {@link ClientAuthentication}. The form body is written as raw bytes so that no codec
 * ever logs it: it carries the proof (a secret or an assertion).
 *
 * @author Entra Identity contributors
 */
public final class TokenEndpointClient implements TokenSource {

	private static final Log logger = LogFactory.getLog(TokenEndpointClient.class);

	private final WebClient webClient;

	private final Authority authority;

	private final String clientId;

	private final ClientAuthentication authentication;

	private final EndpointSettings settings;

	private final Scheduler scheduler;

	/**
	 * Create a client.
	 * @param webClient the client requests go through
	 * @param authority the authority
	 * @param clientId the application (client) id
	 * @param authentication how the client proves itself
	 * @param settings the limits of each request
	 * @param scheduler the clock and the timer of timeouts and retry delays
	 */
	public TokenEndpointClient(WebClient webClient, Authority authority, String clientId,
			ClientAuthentication authentication, EndpointSettings settings, Scheduler scheduler) {
		this.webClient = webClient;
		this.authority = authority;
		this.clientId = clientId;
		this.authentication = authentication;
		this.settings = settings;
		this.scheduler = scheduler;
	}

	/**
	 * Return the factory of token endpoint clients that prove themselves with the given
	 * authentication.
	 * @param authentication how the client proves itself
	 * @return the factory
	 */
	public static TokenSource.Factory authenticatingWith(ClientAuthentication authentication) {
		return (webClient, settings) -> new TokenEndpointClient(webClient, settings.identity().authority(),
				settings.identity().clientId(), authentication, settings.endpoint(), settings.scheduler());
	}

	@Override
	public String host() {
		return this.authority.host();
	}

	@Override
	public Mono<AccessToken> requestToken(String tenantId, List<String> scopes, @Nullable String claims,
			AtomicInteger attempts) {
		String tokenEndpoint = this.authority.tokenEndpoint(tenantId);
		return this.authentication.authenticate(tokenEndpoint,
				(proof) -> requestToken(tokenEndpoint, scopes, claims, proof, attempts));
	}

	@Override
	public ClientAuthenticationInUse clientAuthentication() {
		return this.authentication.inUse();
	}

	private Mono<AccessToken> requestToken(String tokenEndpoint, List<String> scopes, @Nullable String claims,
			ClientProof proof, AtomicInteger attempts) {
		URI uri = URI.create(tokenEndpoint);
		byte[] form = formBody(scopes, claims, proof);
		TokenResponseParser parser = new TokenResponseParser(proof.sensitiveValue());
		RetryPolicy retryPolicy = this.settings.retryPolicy();
		Retry retry = Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (signal.totalRetries() >= retryPolicy.maxRetries() || !retryPolicy.isRetryable(failure)) {
				return Mono.error(finalFailure(failure, attempts.get()));
			}
			Duration delay = retryPolicy.delayBefore(signal.totalRetries(), failure);
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying token request to " + this.authority.host() + " in " + delay.toMillis()
						+ " ms after: " + describe(failure));
			}
			return Mono.delay(delay, this.scheduler);
		}));
		Duration total = this.settings.totalTimeout();
		return Mono.defer(() -> attempt(uri, form, parser, attempts))
			.retryWhen(retry)
			.timeout(total, this.scheduler)
			.onErrorMap(TimeoutException.class,
					(ex) -> new TokenTransportException(
							"Token request to " + this.authority.host() + " did not complete within " + total.toMillis()
									+ " ms (" + attempts.get()
									+ " attempt(s)); check network and proxy settings or raise the timeouts",
							this.authority.host(), TokenTransportException.Kind.TIMEOUT, 0, ex));
	}

	private Mono<AccessToken> attempt(URI uri, byte[] form, TokenResponseParser parser, AtomicInteger attempts) {
		attempts.incrementAndGet();
		long start = now();
		String requestId = RandomIds.uuid().toString();
		return this.webClient.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.header("x-ms-client-request-id", requestId)
			.header("client-request-id", requestId)
			.header("return-client-request-id", "true")
			.header(HttpHeaders.USER_AGENT, UserAgent.VALUE)
			.httpRequest(ReactorWiretap::remove)
			.body(BodyInserters.fromDataBuffers(Mono.fromSupplier(() -> wrap(form))))
			.exchangeToMono((response) -> readResponse(response, parser, start))
			.timeout(this.settings.responseTimeout(), this.scheduler);
	}

	private Mono<AccessToken> readResponse(ClientResponse response, TokenResponseParser parser, long start) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		int maxBytes = this.settings.maxResponseBytes();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes)
			.map(TokenEndpointClient::toBytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> parser.tooLarge(status, maxBytes))
			.map((body) -> parser.parse(status, headers, body, start, now()));
	}

	private Throwable finalFailure(Throwable failure, int attempts) {
		if (failure instanceof ClientAuthenticationException || failure instanceof TokenTransportException
				|| failure instanceof IllegalArgumentException) {
			return failure;
		}
		return TransportFailures.toTransportException(failure, this.authority.host(), attempts);
	}

	private String describe(Throwable failure) {
		Throwable cause = TransportFailures.rootTransportCause(failure);
		return (failure instanceof RetryableStatusException) ? failure.getMessage() : cause.getClass().getSimpleName();
	}

	private byte[] formBody(List<String> scopes, @Nullable String claims, ClientProof proof) {
		StringBuilder form = new StringBuilder(256);
		appendField(form, "client_id", this.clientId);
		proof.fields().forEach((name, value) -> appendField(form, name, value));
		appendField(form, "grant_type", "client_credentials");
		appendField(form, "scope", String.join(" ", scopes));
		if (claims != null) {
			appendField(form, "claims", claims);
		}
		return form.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendField(StringBuilder form, String name, String value) {
		if (!form.isEmpty()) {
			form.append('&');
		}
		form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	private static DataBuffer wrap(byte[] form) {
		return DefaultDataBufferFactory.sharedInstance.wrap(form);
	}

	static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

}
