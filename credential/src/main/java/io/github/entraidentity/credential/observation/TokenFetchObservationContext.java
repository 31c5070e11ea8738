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

package io.github.entraidentity.credential.observation;

import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Observation context of one token request to Entra, retries included.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class TokenFetchObservationContext extends Observation.Context {

	private final String tenantId;

	private final List<String> scopes;

	private final boolean cae;

	private @Nullable FetchOutcome outcome;

	/**
	 * Create a new context.
	 * @param tenantId the tenant the request goes to
	 * @param scopes the scopes requested
	 * @param cae whether a CAE-capable token is requested
	 */
	public TokenFetchObservationContext(String tenantId, List<String> scopes, boolean cae) {
		this.tenantId = tenantId;
		this.scopes = scopes;
		this.cae = cae;
	}

	/**
	 * Return the tenant the request goes to.
	 * @return the tenant
	 */
	public String getTenantId() {
		return this.tenantId;
	}

	/**
	 * Return the scopes requested.
	 * @return the scopes
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return whether a CAE-capable token is requested.
	 * @return whether CAE is on
	 */
	public boolean isCae() {
		return this.cae;
	}

	/**
	 * Return the outcome, once the request has finished.
	 * @return the outcome or {@code null}
	 */
	public @Nullable FetchOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set the outcome.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable FetchOutcome outcome) {
		this.outcome = outcome;
	}

}
