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

import java.time.Instant;

import io.github.entraidentity.credential.AccessToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a cached token is served without a refresh.
 *
 * @author Entra Identity contributors
 */
class CachedTokenTests {

	private static final long NOW = Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();

	@Test
	void tokenIsNeverFreshPastItsExpiryWhateverItsRefreshPointSays() {
		CachedToken token = new CachedToken(new AccessToken("tok", Instant.ofEpochMilli(NOW + 60_000), "Bearer", null),
				Long.MAX_VALUE, NOW + 60_000);
		assertThat(token.isFreshAt(NOW + 59_999)).isTrue();
		assertThat(token.isFreshAt(NOW + 60_000)).isFalse();
		assertThat(token.isValidAt(NOW + 60_000)).isFalse();
	}

	@Test
	void servedTokenCarriesTheRefreshPointButNeverOnePastExpiry() {
		AccessToken issued = new AccessToken("tok", Instant.ofEpochMilli(NOW + 60_000), "Bearer", null);
		assertThat(new CachedToken(issued, NOW + 30_000, NOW + 60_000).token().refreshOn())
			.isEqualTo(Instant.ofEpochMilli(NOW + 30_000));
		assertThat(new CachedToken(issued, Long.MAX_VALUE, NOW + 60_000).token().refreshOn())
			.isEqualTo(Instant.ofEpochMilli(NOW + 60_000));
	}

}
