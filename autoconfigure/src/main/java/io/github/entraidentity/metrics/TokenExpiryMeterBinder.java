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

package io.github.entraidentity.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.CertificateInUse;
import io.github.entraidentity.credential.ClientAuthenticationInUse;
import io.github.entraidentity.credential.EntraCredential;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauge {@code identity.token.expiry}: seconds until the soonest cached token expires, so
 * that an alert can fire before callers fail. {@code NaN} while no token is cached. For a
 * credential that proves itself with a certificate, also gauge
 * {@code identity.certificate.expiry}: seconds until the certificate expires. Tagged with
 * the credential's name ({@code credential}, {@code default} for an unnamed one) and type
 * ({@value CredentialTypeTag#KEY}, from the class of the credential when the gauges are
 * bound, see {@link CredentialTypeTag}).
 * <p>
 * To wire it by hand, register it as a bean (Spring Boot binds every {@link MeterBinder}
 * bean) or call {@link #bindTo(MeterRegistry)}:
 * {@code new TokenExpiryMeterBinder(credential).bindTo(registry)}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class TokenExpiryMeterBinder implements MeterBinder {

	/**
	 * Name of the gauge.
	 */
	public static final String EXPIRY_METER = "identity.token.expiry";

	/**
	 * Name of the gauge of a certificate credential's certificate expiry.
	 */
	public static final String CERTIFICATE_EXPIRY_METER = "identity.certificate.expiry";

	private final Supplier<@Nullable EntraCredential> credential;

	private final Clock clock;

	private final String credentialName;

	/**
	 * Create a binder for the given credential, measuring with the system clock.
	 * @param credential the credential
	 */
	public TokenExpiryMeterBinder(EntraCredential credential) {
		this(() -> credential, Clock.systemUTC());
	}

	/**
	 * Create a binder that reads the credential when the gauge is sampled.
	 * @param credential supplies the credential, or {@code null} when there is none
	 * @param clock the clock
	 */
	public TokenExpiryMeterBinder(Supplier<@Nullable EntraCredential> credential, Clock clock) {
		this(credential, clock, IdentityTokenMetrics.DEFAULT_CREDENTIAL);
	}

	/**
	 * Create a binder for a named credential that reads it when the gauge is sampled.
	 * @param credential supplies the credential, or {@code null} when there is none
	 * @param clock the clock
	 * @param credentialName the credential's name, the value of the {@code credential}
	 * tag
	 */
	public TokenExpiryMeterBinder(Supplier<@Nullable EntraCredential> credential, Clock clock, String credentialName) {
		this.credential = credential;
		this.clock = clock;
		this.credentialName = credentialName;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		EntraCredential credential = this.credential.get();
		Tags tags = Tags.of(IdentityTokenMetrics.CREDENTIAL_TAG, this.credentialName, CredentialTypeTag.KEY,
				CredentialTypeTag.valueFor(credential));
		Gauge.builder(EXPIRY_METER, this, TokenExpiryMeterBinder::secondsUntilSoonestExpiry)
			.description("Seconds until the soonest cached Microsoft Entra ID token expires")
			.baseUnit("seconds")
			.tags(tags)
			.strongReference(true)
			.register(registry);
		ClientAuthenticationInUse authentication = (credential != null) ? credential.clientAuthentication() : null;
		// Only a credential that proves itself with a certificate knows when its proof
		// expires
		if (authentication != null && authentication.certificate() != null) {
			Gauge.builder(CERTIFICATE_EXPIRY_METER, this, TokenExpiryMeterBinder::secondsUntilCertificateExpiry)
				.description("Seconds until the client certificate of the credential expires")
				.baseUnit("seconds")
				.tags(tags)
				.strongReference(true)
				.register(registry);
		}
	}

	double secondsUntilCertificateExpiry() {
		EntraCredential credential = this.credential.get();
		ClientAuthenticationInUse authentication = (credential != null) ? credential.clientAuthentication() : null;
		CertificateInUse certificate = (authentication != null) ? authentication.certificate() : null;
		if (certificate == null) {
			return Double.NaN;
		}
		return certificate.timeLeft(this.clock.instant()).toMillis() / 1000.0;
	}

	double secondsUntilSoonestExpiry() {
		EntraCredential credential = this.credential.get();
		if (credential == null) {
			return Double.NaN;
		}
		Instant now = this.clock.instant();
		return credential.cachedTokens()
			.stream()
			.map(CachedTokenView::expiresOn)
			.min(Instant::compareTo)
			.map((expiresOn) -> Duration.between(now, expiresOn).toMillis() / 1000.0)
			.orElse(Double.NaN);
	}

}
