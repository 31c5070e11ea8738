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

package io.github.entraidentity.credential.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ClaimsChallengeTests {

	static final String CLAIMS = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}";

	// Chosen so that its standard base64 contains '+' and '/' and needs padding
	static final String SYMBOL_CLAIMS = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\">>>???\"}}}";

	static Stream<Arguments> validChallenges() {
		String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(CLAIMS));
		String padded = Base64.getUrlEncoder().encodeToString(bytes(CLAIMS));
		String standard = Base64.getEncoder().encodeToString(bytes(SYMBOL_CLAIMS));
		String standardUnpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes(SYMBOL_CLAIMS));
		String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(SYMBOL_CLAIMS));
		return Stream.of(
				arguments("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + unpadded + "\"", CLAIMS),
				arguments("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + padded + "\"", CLAIMS),
				arguments("Bearer error=insufficient_claims, claims=" + padded, CLAIMS),
				arguments("Bearer error=\"insufficient_claims\", claims=\"" + standard + "\"", SYMBOL_CLAIMS),
				arguments("Bearer error=\"insufficient_claims\", claims=\"" + standardUnpadded + "\"", SYMBOL_CLAIMS),
				arguments("Bearer error=\"insufficient_claims\", claims=\"" + urlSafe + "\"", SYMBOL_CLAIMS),
				arguments("BEARER Error=\"INSUFFICIENT_CLAIMS\", Claims=\"" + unpadded + "\"", CLAIMS),
				arguments("Basic realm=\"x\", PoP nonce=\"n\", Bearer authorization_uri=\"https://login.example/a, b\","
						+ " error=\"insufficient_claims\", claims=\"" + unpadded + "\"", CLAIMS),
				arguments("Bearer error=\"insufficient_claims\", claims=\"!!\", Bearer error=\"insufficient_claims\","
						+ " claims=\"" + unpadded + "\"", CLAIMS));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validChallenges")
	void findsClaimsChallenge(String header, String expectedClaims) {
		assertThat(ClaimsChallenge.find(List.of(header))).map(ClaimsChallenge::claims).contains(expectedClaims);
	}

	@Test
	void standardBase64TestDataReallyUsesPlusSlashAndPadding() {
		assertThat(Base64.getEncoder().encodeToString(bytes(SYMBOL_CLAIMS))).contains("+", "/", "=");
	}

	static Stream<String> headersWithoutUsableChallenge() {
		String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(CLAIMS));
		return Stream.of("", "Bearer", "Bearer realm=\"\"", "Bearer error=\"insufficient_claims\"",
				"Bearer error=\"insufficient_claims\", claims=\"\"",
				"Bearer error=\"invalid_token\", claims=\"" + claims + "\"", "Bearer claims=\"" + claims + "\"",
				"PoP error=\"insufficient_claims\", claims=\"" + claims + "\"",
				"Basic realm=\"x\", error=\"insufficient_claims\", claims=\"" + claims + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + claims + "!\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + claims + "A\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + claims + "===\"",
				"Bearer error=\"insufficient_claims\", claims=\"=" + claims + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + encode("not json") + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + encode("[1,2]") + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + encode("\"text\"") + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + encode("   ") + "\"",
				"Bearer error=\"insufficient_claims\", claims=\""
						+ Base64.getUrlEncoder().encodeToString(new byte[] { '{', (byte) 0xC3, '}' }) + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + encode("{\"a\":\"" + "x".repeat(20_000) + "\"}")
						+ "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + claims + "\", claims=\"" + claims + "\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + claims);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("headersWithoutUsableChallenge")
	void findsNoChallengeInMalformedOrUnrelatedHeader(String header) {
		assertThat(ClaimsChallenge.find(List.of(header))).isEmpty();
	}

	@Test
	void findsChallengeInAnyHeaderValue() {
		String header = "Bearer error=\"insufficient_claims\", claims=\"" + encode(CLAIMS) + "\"";
		assertThat(ClaimsChallenge.find(List.of("Basic realm=\"x\"", "Negotiate", header))).map(ClaimsChallenge::claims)
			.contains(CLAIMS);
	}

	@Test
	void findsNoChallengeWithoutHeader() {
		assertThat(ClaimsChallenge.find(null)).isEmpty();
		assertThat(ClaimsChallenge.find(List.of())).isEmpty();
	}

	@Test
	void equalsAnotherChallengeWithSameClaims() {
		Optional<ClaimsChallenge> first = ClaimsChallenge
			.find(List.of("Bearer error=insufficient_claims, claims=" + encode(CLAIMS)));
		Optional<ClaimsChallenge> second = ClaimsChallenge
			.find(List.of("Bearer error=\"insufficient_claims\", claims=\"" + encode(CLAIMS) + "==\""));
		assertThat(first).isPresent().isEqualTo(second);
		assertThat(first.get()).hasSameHashCodeAs(second.get());
		assertThat(first.get()).hasToString("ClaimsChallenge[claims=" + CLAIMS + "]");
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
