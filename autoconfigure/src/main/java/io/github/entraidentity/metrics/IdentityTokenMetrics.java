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

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.ClaimsRequestLimit;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counts how the token cache answers ({@code identity.token.cache}, tag {@code result}),
 * how many retries token requests needed ({@code identity.token.fetch.retries}), how
 * often token requests with claims were not sent because an API challenged too often
 * ({@code identity.token.claims.limited}, tag {@code action}: {@code reused} or
 * {@code refused}) and how often the credential switched its proof, such as client
 * secrets ({@code identity.client.authentication.switches}, tag {@code reason}:
 * {@code secret_invalid} or {@code secret_expired} for a fallback after Entra rejected
 * the secret in use, {@code source_changed} for a rotated file, so that an alert can fire
 * when a fallback secret is used), each tagged with the credential's name
 * ({@code credential}, {@code default} for an unnamed one) and type
 * ({@value CredentialTypeTag#KEY}, see {@link CredentialTypeTag}). Counters are
 * registered up front so that the hot path only increments.
 * <p>
 * To wire it by hand, give it to the credential's builder, naming the credential class
 * the builder builds: <pre class="code">
 * ClientSecretCredential.builder()
 *     .eventListener(new IdentityTokenMetrics(registry, ClientSecretCredential.class))
 * </pre>
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class IdentityTokenMetrics implements CredentialEventListener {

	/**
	 * Name of the cache counter.
	 */
	public static final String CACHE_METER = "identity.token.cache";

	/**
	 * Name of the retry counter.
	 */
	public static final String RETRIES_METER = "identity.token.fetch.retries";

	/**
	 * Name of the counter of token requests with claims that were not sent.
	 */
	public static final String CLAIMS_LIMITED_METER = "identity.token.claims.limited";

	/**
	 * Name of the secret switch counter.
	 */
	public static final String CLIENT_AUTHENTICATION_SWITCHES_METER = "identity.client.authentication.switches";

	private final Counter[] cacheCounters;

	private final Counter[] claimsLimitedCounters;

	private final Counter[] clientAuthenticationSwitches;

	private final Counter retries;

	private final String credentialName;

	private final String credentialType;

	/**
	 * Name of the tag that tells credentials apart.
	 */
	public static final String CREDENTIAL_TAG = "credential";

	/**
	 * Value of the {@link #CREDENTIAL_TAG} for an unnamed credential.
	 */
	public static final String DEFAULT_CREDENTIAL = "default";

	/**
	 * Create the counters of an unnamed credential in the given registry.
	 * @param registry the registry
	 * @param credentialType the class of the credential, such as
	 * {@code ClientSecretCredential.class}, whose {@link CredentialTypeTag} the counters
	 * carry
	 */
	public IdentityTokenMetrics(MeterRegistry registry, Class<? extends EntraCredential> credentialType) {
		this(registry, DEFAULT_CREDENTIAL, credentialType);
	}

	/**
	 * Create the counters of a named credential in the given registry.
	 * @param registry the registry
	 * @param credential the credential's name, the value of the {@code credential} tag
	 * @param credentialType the class of the credential, such as
	 * {@code ClientCertificateCredential.class}, whose {@link CredentialTypeTag} the
	 * counters carry
	 */
	public IdentityTokenMetrics(MeterRegistry registry, String credential,
			Class<? extends EntraCredential> credentialType) {
		this.credentialName = credential;
		this.credentialType = CredentialTypeTag.valueFor(credentialType);
		Tags tags = Tags.of(CREDENTIAL_TAG, credential, CredentialTypeTag.KEY, this.credentialType);
		CacheResult[] results = CacheResult.values();
		this.cacheCounters = new Counter[results.length];
		for (CacheResult result : results) {
			this.cacheCounters[result.ordinal()] = Counter.builder(CACHE_METER)
				.description("getToken calls by how the token cache answered them")
				.tag("result", result.tag())
				.tags(tags)
				.register(registry);
		}
		ClientAuthenticationSwitch.Reason[] reasons = ClientAuthenticationSwitch.Reason.values();
		this.clientAuthenticationSwitches = new Counter[reasons.length];
		for (ClientAuthenticationSwitch.Reason reason : reasons) {
			this.clientAuthenticationSwitches[reason.ordinal()] = Counter.builder(CLIENT_AUTHENTICATION_SWITCHES_METER)
				.description(
						"Times the credential started using another proof of its identity, such as another client secret")
				.tag("reason", reason.tag())
				.tags(tags)
				.register(registry);
		}
		this.retries = Counter.builder(RETRIES_METER)
			.description("Retried HTTP attempts of token requests to Microsoft Entra ID")
			.tags(tags)
			.register(registry);
		ClaimsRequestLimit[] limits = ClaimsRequestLimit.values();
		this.claimsLimitedCounters = new Counter[limits.length];
		for (ClaimsRequestLimit limit : limits) {
			this.claimsLimitedCounters[limit.ordinal()] = Counter.builder(CLAIMS_LIMITED_METER)
				.description("Token requests with claims not sent because an API asked for claims too soon or too"
						+ " often")
				.tag("action", limit.tag())
				.tags(tags)
				.register(registry);
		}
	}

	/**
	 * Return the name of the credential whose counters these are, the value of their
	 * {@code credential} tag.
	 * @return the credential's name
	 */
	public String credentialName() {
		return this.credentialName;
	}

	/**
	 * Return the type of the credential whose counters these are, the value of their
	 * {@value CredentialTypeTag#KEY} tag.
	 * @return the credential's type, such as {@code client_secret}
	 */
	public String credentialType() {
		return this.credentialType;
	}

	@Override
	public void cacheAccessed(CacheResult result) {
		this.cacheCounters[result.ordinal()].increment();
	}

	@Override
	public void clientAuthenticationSwitched(ClientAuthenticationSwitch event) {
		this.clientAuthenticationSwitches[event.reason().ordinal()].increment();
	}

	@Override
	public void tokenFetched(FetchOutcome outcome) {
		if (outcome.attempts() > 1) {
			this.retries.increment(outcome.attempts() - 1);
		}
	}

	@Override
	public void claimsRequestLimited(ClaimsRequestLimit limit) {
		this.claimsLimitedCounters[limit.ordinal()].increment();
	}

}
