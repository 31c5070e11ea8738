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
import io.github.entraidentity.credential.observation.DefaultTokenFetchObservationConvention;
import io.github.entraidentity.credential.observation.TokenFetchObservationContext;
import io.github.entraidentity.credential.observation.TokenFetchObservationConvention;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenFetchObservationConvention} that adds the credential's name and type as
 * the low-cardinality {@code credential} and {@value CredentialTypeTag#KEY} keys to
 * another convention's, so that the {@code identity.token.fetch} timer of each credential
 * carries the same tags as its counters.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class CredentialTaggedObservationConvention implements TokenFetchObservationConvention {

	private final TokenFetchObservationConvention delegate;

	private final KeyValues credential;

	/**
	 * Create a convention that tags the given convention's observations.
	 * @param delegate the convention to extend, {@code null} for the default one
	 * @param credential the credential's name, the value of the {@code credential} key
	 * @param credentialType the class of the credential, whose {@link CredentialTypeTag}
	 * is the value of the {@value CredentialTypeTag#KEY} key
	 */
	public CredentialTaggedObservationConvention(@Nullable TokenFetchObservationConvention delegate, String credential,
			Class<? extends EntraCredential> credentialType) {
		this.delegate = (delegate != null) ? delegate : DefaultTokenFetchObservationConvention.INSTANCE;
		this.credential = KeyValues.of(IdentityTokenMetrics.CREDENTIAL_TAG, credential, CredentialTypeTag.KEY,
				CredentialTypeTag.valueFor(credentialType));
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public @Nullable String getContextualName(TokenFetchObservationContext context) {
		return this.delegate.getContextualName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TokenFetchObservationContext context) {
		return this.delegate.getLowCardinalityKeyValues(context).and(this.credential);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TokenFetchObservationContext context) {
		return this.delegate.getHighCardinalityKeyValues(context);
	}

}
