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

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.CertificateInUse;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.ClientCertificate;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientCertificateSource;
import io.github.entraidentity.credential.CredentialUnavailableException;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Proves the client's identity with a certificate: a fresh client assertion signed for
 * each token request (cache hits sign nothing), with the certificate its source holds
 * now. When Entra rejects the assertion's signature or key (AADSTS700027), the source is
 * read once more in case the certificate was just rotated, and the request is sent again
 * if it was.
 *
 * @author Entra Identity contributors
 */
public final class CertificateAuthentication implements ClientAuthentication {

	/**
	 * The method a certificate credential reports.
	 */
	public static final String METHOD = "client_certificate";

	// The credential's category, so that its logging settings cover certificate rotation
	private static final Log logger = LogFactory.getLog(ClientCertificateCredential.class);

	private final ClientCertificateSource source;

	private final ClientAssertionSigner signer;

	private final Scheduler clock;

	private final CredentialEventListener eventListener;

	private final long expiryWarningMillis;

	private volatile @Nullable String thumbprint;

	private volatile long nextExpiryWarningMillis;

	/**
	 * Create the authentication.
	 * @param source where the certificate comes from
	 * @param signer signs each request's assertion
	 * @param clock the credential's clock, for the assertion's times
	 * @param eventListener the listener told when the certificate changed
	 * @param expiryWarning how long before the certificate expires token requests start
	 * to log a warning, once a day
	 */
	public CertificateAuthentication(ClientCertificateSource source, ClientAssertionSigner signer, Scheduler clock,
			CredentialEventListener eventListener, Duration expiryWarning) {
		this.source = source;
		this.signer = signer;
		this.clock = clock;
		this.eventListener = eventListener;
		this.expiryWarningMillis = expiryWarning.toMillis();
	}

	@Override
	public Mono<AccessToken> authenticate(String tokenEndpoint, Function<ClientProof, Mono<AccessToken>> request) {
		return read(false).flatMap((certificate) -> request.apply(proof(inUse(certificate), tokenEndpoint))
			.onErrorResume(CertificateAuthentication::isRejected, (ex) -> read(true).flatMap((again) -> {
				if (sameCertificate(again, certificate)) {
					return Mono.error(ex);
				}
				return request.apply(proof(inUse(again), tokenEndpoint));
			})));
	}

	// The library's own file source reads off the calling thread within a time limit;
	// another source is the application's, called as it is
	private Mono<ClientCertificate> read(boolean again) {
		if (this.source instanceof FileClientCertificate file) {
			return file.read(again, this.clock);
		}
		return Mono.fromCallable(() -> again ? this.source.reread() : this.source.certificate())
			.onErrorMap((ex) -> !(ex instanceof CredentialUnavailableException),
					(ex) -> new CredentialUnavailableException("The client certificate source ("
							+ this.source.description() + ") failed with " + ex.getClass().getName()));
	}

	@Override
	public ClientAuthenticationInUse inUse() {
		// Diagnostics may run on an event loop: a file is not read for them
		ClientCertificate last = (this.source instanceof FileClientCertificate file) ? file.last() : null;
		X509Certificate certificate = ((last != null) ? last : this.source.certificate()).certificate();
		Instant notAfter = certificate.getNotAfter().toInstant();
		CertificateInUse inUse = new CertificateInUse(ClientAssertionSigner.thumbprint(certificate),
				certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(), notAfter,
				notAfter.minusMillis(this.expiryWarningMillis));
		return new ClientAuthenticationInUse(METHOD, 1, 1, this.source.description(), null, inUse);
	}

	private ClientProof proof(ClientCertificate certificate, String tokenEndpoint) {
		long now = this.clock.now(TimeUnit.MILLISECONDS);
		warnIfExpiringSoon(certificate, now);
		return ClientProof.clientAssertion(this.signer.sign(certificate, tokenEndpoint, now / 1000));
	}

	// Token requests are the moments the certificate is used: warn there, at most daily
	private void warnIfExpiringSoon(ClientCertificate certificate, long now) {
		long expires = certificate.certificate().getNotAfter().getTime();
		if (expires - now > this.expiryWarningMillis || now < this.nextExpiryWarningMillis) {
			return;
		}
		this.nextExpiryWarningMillis = now + Duration.ofDays(1).toMillis();
		logger.warn("Client certificate (" + this.source.description() + ", SHA-256 thumbprint "
				+ ClientAssertionSigner.thumbprint(certificate.certificate()) + ") expires on "
				+ Instant.ofEpochMilli(expires) + ", in " + Duration.ofMillis(expires - now).toDays()
				+ " day(s): create a new certificate, upload it to the app registration and configure it before then");
	}

	// Notes a certificate that replaced the one used before, once
	private ClientCertificate inUse(ClientCertificate certificate) {
		String current = ClientAssertionSigner.thumbprint(certificate.certificate());
		String previous = this.thumbprint;
		this.thumbprint = current;
		if (previous != null && !previous.equals(current)) {
			if (logger.isInfoEnabled()) {
				logger.info("Client certificate (" + this.source.description() + ") changed; using the certificate"
						+ " with SHA-256 thumbprint " + current + " from now on");
			}
			try {
				this.eventListener.clientAuthenticationSwitched(new ClientAuthenticationSwitch(1, 1,
						ClientAuthenticationSwitch.Reason.SOURCE_CHANGED, this.source.description()));
			}
			catch (RuntimeException ex) {
				logger.debug("Credential event listener failed", ex);
			}
		}
		return certificate;
	}

	private static boolean sameCertificate(ClientCertificate one, ClientCertificate other) {
		return one == other || one.certificate().equals(other.certificate());
	}

	private static boolean isRejected(Throwable failure) {
		return failure instanceof ClientAuthenticationException authentication
				&& "invalid_client".equals(authentication.error()) && authentication.errorCodes().contains(700027L);
	}

	@Override
	public String toString() {
		return "CertificateAuthentication[" + this.source.description() + "]";
	}

}
