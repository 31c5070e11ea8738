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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.entraidentity.credential.ClientAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error code of a fetch becomes a metric tag: only values Entra is known to send
 * pass.
 *
 * @author Entra Identity contributors
 */
class FetchOutcomeTests {

	@Test
	void entrasKnownErrorBecomesTheErrorCode() {
		assertThat(outcome("invalid_client", 401).errorCode()).isEqualTo("invalid_client");
		assertThat(outcome("temporarily_unavailable", 503).errorCode()).isEqualTo("temporarily_unavailable");
	}

	@Test
	void errorAHostileAuthorityMadeUpBecomesItsStatusClass() {
		for (int i = 0; i < 3; i++) {
			assertThat(outcome("made_up_error_" + (char) ('a' + i), 400).errorCode()).isEqualTo("4xx");
		}
	}

	private static FetchOutcome outcome(String error, int status) {
		return new FetchOutcome(Instant.EPOCH, "tenant", List.of("scope"), false, Duration.ZERO, 1, null,
				new ClientAuthenticationException("failed", status, error, null, List.of(), null, null));
	}

}
