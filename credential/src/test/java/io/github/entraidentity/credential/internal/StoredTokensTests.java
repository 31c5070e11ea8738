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

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.entraidentity.credential.AccessToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JSON document inside a persistent token cache file.
 *
 * @author Entra Identity contributors
 */
class StoredTokensTests {

	private static final long NOW = Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();

	@Test
	void trimDropsExpiredTokensThenTheSoonestExpiringBeyondTheBound() {
		StoredTokens tokens = StoredTokens.empty();
		tokens.put("expired", token(NOW - 1));
		tokens.put("in-10-min", token(NOW + 600_000));
		tokens.put("in-60-min", token(NOW + 3_600_000));
		tokens.put("in-30-min", token(NOW + 1_800_000));
		tokens.trim(NOW, 2);
		assertThat(tokens.size()).isEqualTo(2);
		assertThat(tokens.get("in-60-min")).isNotNull();
		assertThat(tokens.get("in-30-min")).isNotNull();
	}

	@Test
	void roundTripKeepsEveryField() {
		StoredTokens tokens = StoredTokens.empty();
		CachedToken token = new CachedToken(new AccessToken("tok", Instant.ofEpochMilli(NOW + 3_600_000), "PoP",
				Instant.ofEpochMilli(NOW + 1_000_000)), NOW + 1_000_000, NOW + 3_600_000);
		tokens.put("key", token);
		assertThat(StoredTokens.fromJson(tokens.toJson()).get("key")).isEqualTo(token);
	}

	@Test
	void malformedEntriesAreSkippedAndNonDocumentsRejected() {
		byte[] json = ("{\"version\":1,\"entries\":{\"bad\":{\"token\":42},\"good\":{\"token\":\"tok\","
				+ "\"tokenType\":\"Bearer\",\"expiresOn\":" + (NOW + 60_000) + ",\"refreshAt\":" + (NOW + 30_000)
				+ "}}}")
			.getBytes(StandardCharsets.UTF_8);
		StoredTokens tokens = StoredTokens.fromJson(json);
		assertThat(tokens.size()).isEqualTo(1);
		assertThat(tokens.get("good").token().token()).isEqualTo("tok");
		assertThatExceptionOfType(CacheFileCipher.UnreadableFileException.class)
			.isThrownBy(() -> StoredTokens.fromJson("[1,2]".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(CacheFileCipher.UnreadableFileException.class)
			.isThrownBy(() -> StoredTokens.fromJson("{\"entries\":".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void storedRefreshPointAfterExpiryIsClampedToTheExpiry() {
		byte[] json = ("{\"version\":1,\"entries\":{\"key\":{\"token\":\"tok\",\"tokenType\":\"Bearer\","
				+ "\"expiresOn\":" + (NOW + 60_000) + ",\"refreshAt\":" + Long.MAX_VALUE + ",\"refreshOn\":"
				+ Long.MAX_VALUE + "}}}")
			.getBytes(StandardCharsets.UTF_8);
		CachedToken token = StoredTokens.fromJson(json).get("key");
		assertThat(token.refreshAtMillis()).isEqualTo(NOW + 60_000);
		assertThat(token.token().refreshOn()).isEqualTo(Instant.ofEpochMilli(NOW + 60_000));
	}

	private static CachedToken token(long expiresAtMillis) {
		return new CachedToken(new AccessToken("tok", Instant.ofEpochMilli(expiresAtMillis), "Bearer", null),
				expiresAtMillis - 1, expiresAtMillis);
	}

}
