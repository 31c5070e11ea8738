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

package io.github.entraidentity.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.CertificateInUse;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.credential.internal.SharedParallelScheduler;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of an Entra identity credential, of any type, from its real state and without
 * hammering Entra: DOWN when the last token request failed with an authentication error
 * (such as an expired secret) or when no valid token exists after a transport failure; UP
 * while a cached token is valid or the last request succeeded; UNKNOWN before any
 * request. With scopes configured it actively gets a token for them, through the cache.
 * <p>
 * The {@code clientAuthentication} detail names how the client proves itself
 * ({@code method}, such as {@code client_secret}) and the proof in use by position
 * ({@code position} {@code of}) and {@code source}, never its value. While a fallback
 * client secret is in use (Entra rejected an earlier one) the status stays UP and a
 * {@code rotationAdvice} detail says what to do.
 * <p>
 * The auto-configuration registers it as {@code identityHealthIndicator} for the
 * application's credential bean. To wire it by hand, register it under that name:
 * <pre class="code">
 * &#64;Bean
 * IdentityHealthIndicator identityHealthIndicator(EntraCredential credential) {
 *     return new IdentityHealthIndicator(credential, List.of(), Duration.ofSeconds(5));
 * }
 * </pre>
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class IdentityHealthIndicator extends AbstractReactiveHealthIndicator {

	private final EntraCredential credential;

	private final Supplier<List<CachedTokenView>> cachedTokens;

	/**
	 * How long a failed active check is reused: probes (anonymous ones included) must not
	 * turn into one token request each while Entra refuses or cannot be reached.
	 */
	static final Duration FAILED_CHECK_REUSE = Duration.ofSeconds(10);

	private final List<String> scopes;

	private final Duration timeout;

	private final @Nullable Mono<AccessToken> activeCheck;

	/**
	 * Create a new indicator.
	 * @param credential the credential
	 * @param scopes scopes to verify actively, or empty to only report state
	 * @param timeout how long an active check may take
	 */
	public IdentityHealthIndicator(EntraCredential credential, List<String> scopes, Duration timeout) {
		this(credential, credential::cachedTokens, scopes, timeout);
	}

	/**
	 * Create a new indicator that reads the cached tokens through the given supplier, so
	 * that a test can change them between two reads.
	 * @param credential the credential
	 * @param cachedTokens supplies the credential's cached tokens
	 * @param scopes scopes to verify actively, or empty to only report state
	 * @param timeout how long an active check may take
	 */
	IdentityHealthIndicator(EntraCredential credential, Supplier<List<CachedTokenView>> cachedTokens,
			List<String> scopes, Duration timeout) {
		// Reactor's parallel scheduler, created when a check first times something
		this(credential, cachedTokens, scopes, timeout, SharedParallelScheduler.INSTANCE);
	}

	/**
	 * Create a new indicator whose reuse of a failed active check is timed on the given
	 * scheduler, so that a test can move time.
	 * @param credential the credential
	 * @param cachedTokens supplies the credential's cached tokens
	 * @param scopes scopes to verify actively, or empty to only report state
	 * @param timeout how long an active check may take
	 * @param clock the scheduler the timeout and the reuse are timed on
	 */
	IdentityHealthIndicator(EntraCredential credential, Supplier<List<CachedTokenView>> cachedTokens,
			List<String> scopes, Duration timeout, Scheduler clock) {
		super("Microsoft Entra ID health check failed");
		this.credential = credential;
		this.cachedTokens = cachedTokens;
		this.scopes = List.copyOf(scopes);
		this.timeout = timeout;
		// Concurrent probes share one check; a success is not kept (the credential's
		// cache
		// answers the next one without a request), a failure is for a while
		this.activeCheck = this.scopes.isEmpty() ? null
				: Mono.defer(() -> credential.getToken(this.scopes.toArray(String[]::new)))
					.timeout(this.timeout, clock)
					.cache((token) -> Duration.ZERO, (ex) -> FAILED_CHECK_REUSE, () -> Duration.ZERO, clock);
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		// A credential type without an app registration (such as a managed identity) has
		// no tenant, client id or authority of its own to show
		putIfPresent(builder, "tenantId", this.credential.tenantId());
		putIfPresent(builder, "clientId", this.credential.clientId());
		putIfPresent(builder, "authority", this.credential.authority());
		ClientAuthenticationInUse authentication = this.credential.clientAuthentication();
		if (authentication != null) {
			withClientAuthentication(builder, authentication);
		}
		Mono<AccessToken> activeCheck = this.activeCheck;
		if (activeCheck == null) {
			return Mono.fromSupplier(() -> fromState(builder));
		}
		return activeCheck.map((token) -> fromState(builder))
			.onErrorResume((ex) -> Mono.just(failed(builder, ex, Instant.now()).build()));
	}

	private static void withClientAuthentication(Health.Builder builder, ClientAuthenticationInUse secret) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("method", secret.method());
		details.put("position", secret.position());
		details.put("of", secret.count());
		details.put("source", secret.source());
		builder.withDetail("clientAuthentication", details);
		ClientAuthenticationSwitch.Reason rejection = secret.rejection();
		// The advice is about rotating client secrets; other proofs rotate differently
		if (rejection != null && ClientAuthenticationInUse.CLIENT_SECRET.equals(secret.method())) {
			builder.withDetail("rotationAdvice", "Microsoft Entra ID rejected an earlier client secret as "
					+ ((rejection == ClientAuthenticationSwitch.Reason.SECRET_EXPIRED) ? "expired (AADSTS7000222)"
							: "wrong or unknown (AADSTS7000215)")
					+ "; client secret " + secret.position() + " of " + secret.count()
					+ " is in use. Remove the rejected secret from the configuration and add a new one before this"
					+ " one expires.");
		}
		CertificateInUse certificate = secret.certificate();
		if (certificate != null) {
			withCertificate(builder, certificate, Instant.now());
		}
	}

	// A certificate's expiry is known in advance: say so while there is time to act
	private static void withCertificate(Health.Builder builder, CertificateInUse certificate, Instant now) {
		long daysLeft = certificate.timeLeft(now).toDays();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("thumbprint", certificate.thumbprint());
		details.put("subject", certificate.subject());
		details.put("notAfter", certificate.notAfter().toString());
		details.put("daysLeft", daysLeft);
		builder.withDetail("certificate", details);
		if (certificate.rotationDue(now)) {
			builder.withDetail("rotationAdvice", "The client certificate (SHA-256 thumbprint "
					+ certificate.thumbprint() + ") expires on " + certificate.notAfter() + ", in " + daysLeft
					+ " day(s): create a new certificate, upload it to the app registration and configure it before"
					+ " then.");
		}
	}

	private Health fromState(Health.Builder builder) {
		FetchOutcome last = this.credential.lastFetch();
		// One snapshot: the cache may change between two reads, and the details must
		// agree
		List<CachedTokenView> tokens = this.cachedTokens.get();
		Optional<CachedTokenView> soonest = tokens.stream().min(Comparator.comparing(CachedTokenView::expiresOn));
		soonest.ifPresent((token) -> builder.withDetail("tokens", tokens.size())
			.withDetail("expiresOn", token.expiresOn().toString())
			.withDetail("refreshAt", token.refreshAt().toString()));
		if (last != null && last.failure() instanceof ClientAuthenticationException) {
			return failed(builder, last.failure(), last.finishedAt()).build();
		}
		if (soonest.isPresent()) {
			withLastFailure(builder, last);
			return builder.up().build();
		}
		if (last == null) {
			return builder.status(Status.UNKNOWN)
				.withDetail("reason", "No token was requested yet; set identity.health.scopes to verify actively")
				.build();
		}
		if (last.succeeded()) {
			return builder.up().withDetail("lastFetch", last.finishedAt().toString()).build();
		}
		return failed(builder, last.failure(), last.finishedAt()).build();
	}

	private void withLastFailure(Health.Builder builder, @Nullable FetchOutcome last) {
		if (last != null && !last.succeeded()) {
			builder.withDetail("lastFailure", last.errorCode())
				.withDetail("lastFailureAt", last.finishedAt().toString());
		}
	}

	private static Health.Builder failed(Health.Builder builder, @Nullable Throwable failure, Instant when) {
		builder.down().withDetail("failedAt", when.toString());
		if (failure instanceof ClientAuthenticationException authentication) {
			builder.withDetail("failure", "authentication");
			putIfPresent(builder, "error", authentication.error());
			if (!authentication.errorCodes().isEmpty()) {
				builder.withDetail("errorCodes",
						authentication.errorCodes().stream().map((code) -> "AADSTS" + code).toList());
			}
			putIfPresent(builder, "errorDescription", authentication.errorDescription());
			putIfPresent(builder, "traceId", authentication.traceId());
			putIfPresent(builder, "correlationId", authentication.correlationId());
			if (authentication.statusCode() > 0) {
				builder.withDetail("status", authentication.statusCode());
			}
			if (authentication.error() == null) {
				builder.withDetail("message", authentication.getMessage());
			}
		}
		else if (failure instanceof TokenTransportException transport) {
			builder.withDetail("failure", "transport")
				.withDetail("kind", transport.kind().tag())
				.withDetail("host", transport.host())
				.withDetail("message", transport.getMessage());
		}
		else if (failure != null) {
			builder
				.withDetail("failure",
						(failure instanceof TimeoutException) ? "timeout" : failure.getClass().getSimpleName())
				.withDetail("message", String.valueOf(failure.getMessage()));
		}
		return builder;
	}

	private static void putIfPresent(Health.Builder builder, String key, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(key, value);
		}
	}

}
