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

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.ClientSecretSource;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The credential's client secrets, in order, and which one is in use. A request reads the
 * secret in use from its source; when Entra rejects it (AADSTS7000215 wrong,
 * AADSTS7000222 expired), the source is read once more in case it was just rotated, then
 * the next secrets are tried at once, and the one that works is kept.
 * <p>
 * No lock is held while a source is read: a file is read on its reader's worker thread
 * within a time limit ({@link FileClientSecret}), a source of the application's own on
 * the calling thread, as its contract asks it to be cheap. A source's exception may hold
 * the secret, so only its type reaches the token request's failure.
 *
 * @author Entra Identity contributors
 */
public final class ClientSecrets implements ClientAuthentication {

	// The credential's category, so that logging settings users already have keep working
	private static final Log logger = LogFactory.getLog(ClientSecretCredential.class);

	private final List<ClientSecretSource> sources;

	private final CredentialEventListener eventListener;

	private final Scheduler scheduler;

	private final AtomicInteger inUse = new AtomicInteger();

	private final AtomicLong reads = new AtomicLong();

	private final AtomicReferenceArray<Read> lastRead;

	private volatile ClientAuthenticationSwitch.@Nullable Reason rejection;

	/**
	 * Create the secrets of a credential.
	 * @param sources the secrets' sources, in order
	 * @param eventListener the listener told of each switch
	 * @param scheduler the credential's scheduler, which times file reads
	 */
	public ClientSecrets(List<ClientSecretSource> sources, CredentialEventListener eventListener, Scheduler scheduler) {
		this.sources = List.copyOf(sources);
		this.eventListener = eventListener;
		this.scheduler = scheduler;
		this.lastRead = new AtomicReferenceArray<>(this.sources.size());
	}

	@Override
	public Mono<AccessToken> authenticate(String tokenEndpoint, Function<ClientProof, Mono<AccessToken>> request) {
		return request((secret) -> request.apply(ClientProof.clientSecret(secret)));
	}

	/**
	 * Make a request with the secret in use, falling back as described above.
	 * @param request sends one token request with the given secret
	 * @return the token, or the failure of the last secret tried
	 */
	private Mono<AccessToken> request(Function<String, Mono<AccessToken>> request) {
		return Mono.defer(() -> {
			int position = this.inUse.get();
			return read(position, false).flatMap((secret) -> request.apply(secret)
				.onErrorResume(ClientSecrets::isRejected, (ex) -> afterRejection(position, secret, ex, request)));
		});
	}

	@Override
	public ClientAuthenticationInUse inUse() {
		int position = this.inUse.get();
		return new ClientAuthenticationInUse(ClientAuthenticationInUse.CLIENT_SECRET, position + 1, this.sources.size(),
				this.sources.get(position).description(), this.rejection);
	}

	private Mono<AccessToken> afterRejection(int position, String sent, Throwable rejected,
			Function<String, Mono<AccessToken>> request) {
		return read(position, true).flatMap((again) -> {
			if (!again.equals(sent)) {
				return request.apply(again)
					.onErrorResume(ClientSecrets::isRejected, (ex) -> fallBack(position, ex, request, 1));
			}
			return fallBack(position, rejected, request, 1);
		});
	}

	private Mono<AccessToken> fallBack(int failed, Throwable rejected, Function<String, Mono<AccessToken>> request,
			int tried) {
		int count = this.sources.size();
		if (tried >= count) {
			return Mono.error(rejected);
		}
		ClientAuthenticationSwitch.Reason reason = rejection(rejected);
		if (logger.isWarnEnabled()) {
			logger.warn("Microsoft Entra ID rejected client secret " + (failed + 1) + " of " + count + " ("
					+ this.sources.get(failed).description() + ") as " + describe(reason) + "; trying client secret "
					+ ((failed + 1) % count + 1));
		}
		int next = (failed + 1) % count;
		return read(next, false).flatMap(request)
			.doOnNext((token) -> switched(failed, next, reason))
			.onErrorResume(ClientSecrets::isRejected, (ex) -> fallBack(next, ex, request, tried + 1));
	}

	private void switched(int from, int to, ClientAuthenticationSwitch.Reason reason) {
		this.rejection = reason;
		// Concurrent requests rejected alike switch once
		if (this.inUse.compareAndSet(from, to)) {
			logger.warn("Using client secret " + (to + 1) + " of " + this.sources.size() + " ("
					+ this.sources.get(to).description() + ") from now on, because Entra rejected client secret "
					+ (from + 1) + " as " + describe(reason)
					+ ". Remove the rejected secret from the configuration and add the next one before this one expires.");
			publish(new ClientAuthenticationSwitch(from + 1, to + 1, reason, this.sources.get(to).description()));
		}
	}

	private Mono<String> read(int position, boolean again) {
		ClientSecretSource source = this.sources.get(position);
		Mono<String> read = (source instanceof FileClientSecret file) ? file.read(again, this.scheduler)
				: Mono.fromCallable(() -> again ? source.reread() : source.secret())
					.onErrorMap((ex) -> new CredentialUnavailableException(
							"Client secret " + (position + 1) + " (" + source.description() + ") failed with "
									+ ex.getClass().getName() + "; make the source return the client secret's Value"));
		return Mono.defer(() -> {
			long number = this.reads.incrementAndGet();
			return read.map((secret) -> checked(position, source, secret, number));
		});
	}

	/**
	 * Check a secret read and report a change. Reads of one source may finish out of
	 * order without a lock: a read that started before the last one recorded is older
	 * than it, so it is used but neither recorded nor reported (else a rotation seen by
	 * many callers at once could be reported as a change back and forth).
	 */
	private String checked(int position, ClientSecretSource source, @Nullable String secret, long number) {
		if (secret == null || secret.isBlank()) {
			throw new CredentialUnavailableException("Client secret " + (position + 1) + " (" + source.description()
					+ ") is empty; it must hold the client secret's Value");
		}
		secret = secret.strip();
		Read read = new Read(number, secret);
		Read previous;
		do {
			previous = this.lastRead.get(position);
			if (previous != null && previous.number() > number) {
				return secret;
			}
		}
		while (!this.lastRead.compareAndSet(position, previous, read));
		if (previous != null && !previous.secret().equals(secret)) {
			if (logger.isInfoEnabled()) {
				logger.info("Client secret " + (position + 1) + " (" + source.description()
						+ ") changed; using its new value");
			}
			publish(new ClientAuthenticationSwitch(position + 1, position + 1,
					ClientAuthenticationSwitch.Reason.SOURCE_CHANGED, source.description()));
		}
		return secret;
	}

	private void publish(ClientAuthenticationSwitch event) {
		try {
			this.eventListener.clientAuthenticationSwitched(event);
		}
		catch (RuntimeException ex) {
			logger.debug("Credential event listener failed", ex);
		}
	}

	private static String describe(ClientAuthenticationSwitch.@Nullable Reason reason) {
		return (reason == ClientAuthenticationSwitch.Reason.SECRET_EXPIRED) ? "expired (AADSTS7000222)"
				: "wrong or unknown (AADSTS7000215)";
	}

	private static boolean isRejected(Throwable failure) {
		return rejection(failure) != null;
	}

	/**
	 * Return why Entra rejected a client secret, if it did.
	 * @param failure a token request's failure
	 * @return the reason, or {@code null} when the failure is not a rejected secret
	 */
	private static ClientAuthenticationSwitch.@Nullable Reason rejection(Throwable failure) {
		if (!(failure instanceof ClientAuthenticationException authentication)
				|| !"invalid_client".equals(authentication.error())) {
			return null;
		}
		List<Long> codes = authentication.errorCodes();
		if (codes.contains(7000222L)) {
			return ClientAuthenticationSwitch.Reason.SECRET_EXPIRED;
		}
		return codes.contains(7000215L) ? ClientAuthenticationSwitch.Reason.SECRET_INVALID : null;
	}

	@Override
	public String toString() {
		return "ClientSecrets[" + this.sources.size() + " secret(s), in use " + (this.inUse.get() + 1) + "]";
	}

	/**
	 * A secret as read, numbered in the order the reads started.
	 *
	 * @param number the read's number
	 * @param secret the secret
	 */
	private record Read(long number, String secret) {

		@Override
		public String toString() {
			return "Read[number=" + this.number + ", secret=***]";
		}

	}

}
