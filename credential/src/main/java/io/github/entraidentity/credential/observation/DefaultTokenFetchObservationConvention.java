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

import io.micrometer.common.KeyValues;

/**
 * Default convention for the {@code identity.token.fetch} observation. Low-cardinality
 * keys (metric tags): {@code outcome}, {@code error.code}, {@code cae} and
 * {@code retried}. The tenant and the attempt count are high-cardinality (traces only).
 * The key is {@code error.code}, not {@code error}, which Micrometer's meter handler
 * fills with the exception type.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class DefaultTokenFetchObservationConvention implements TokenFetchObservationConvention {

	/**
	 * Name of the observation, and so of the timer.
	 */
	public static final String NAME = "identity.token.fetch";

	/**
	 * Shared instance.
	 */
	public static final DefaultTokenFetchObservationConvention INSTANCE = new DefaultTokenFetchObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TokenFetchObservationContext context) {
		return "identity token fetch";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TokenFetchObservationContext context) {
		FetchOutcome outcome = context.getOutcome();
		String result = (outcome == null) ? "unknown" : (outcome.succeeded() ? "success" : "failure");
		String errorCode = (outcome == null) ? "unknown" : outcome.errorCode();
		String retried = (outcome != null && outcome.attempts() > 1) ? "true" : "false";
		return KeyValues.of("outcome", result, "error.code", errorCode, "cae", String.valueOf(context.isCae()),
				"retried", retried);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TokenFetchObservationContext context) {
		FetchOutcome outcome = context.getOutcome();
		return KeyValues.of("tenant.id", context.getTenantId(), "attempts",
				String.valueOf((outcome != null) ? outcome.attempts() : 0));
	}

}
