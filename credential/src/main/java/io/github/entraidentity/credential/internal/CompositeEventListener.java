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

import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.ClaimsRequestLimit;
import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.FetchOutcome;

/**
 * Sends each event to two listeners; a failing listener does not stop the other.
 *
 * @author Entra Identity contributors
 */
public final class CompositeEventListener implements CredentialEventListener {

	private final CredentialEventListener first;

	private final CredentialEventListener second;

	private CompositeEventListener(CredentialEventListener first, CredentialEventListener second) {
		this.first = first;
		this.second = second;
	}

	public static CredentialEventListener of(CredentialEventListener first, CredentialEventListener second) {
		return new CompositeEventListener(first, second);
	}

	@Override
	public void cacheAccessed(CacheResult result) {
		try {
			this.first.cacheAccessed(result);
		}
		finally {
			this.second.cacheAccessed(result);
		}
	}

	@Override
	public void tokenFetched(FetchOutcome outcome) {
		try {
			this.first.tokenFetched(outcome);
		}
		finally {
			this.second.tokenFetched(outcome);
		}
	}

	@Override
	public void clientAuthenticationSwitched(ClientAuthenticationSwitch event) {
		try {
			this.first.clientAuthenticationSwitched(event);
		}
		finally {
			this.second.clientAuthenticationSwitched(event);
		}
	}

	@Override
	public void claimsRequestLimited(ClaimsRequestLimit limit) {
		try {
			this.first.claimsRequestLimited(limit);
		}
		finally {
			this.second.claimsRequestLimited(limit);
		}
	}

}
