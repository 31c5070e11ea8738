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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a response excerpt hides: tokens, and the client secret in every encoding a server
 * or proxy may echo it in.
 *
 * @author Entra Identity contributors
 */
class ResponseExcerptTests {

	private static final String SECRET = "Ab1~Cd2 Ef3/Gh4\"+ü";

	@Test
	void formEncodedSecretIsMaskedWithEitherSpaceEncodingAndEitherHexCase() {
		String plus = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
		String percent20 = plus.replace("+", "%20");
		String lowerHex = percent20.replace("%7E", "%7e").replace("%2F", "%2f");
		String json = "Ab1~Cd2 Ef3\\/Gh4\\\"+ü";
		String excerpt = ResponseExcerpt
			.of(("echo " + plus + " | " + percent20 + " | " + lowerHex + " | " + json + " | " + SECRET)
				.getBytes(StandardCharsets.UTF_8), SECRET);
		assertThat(excerpt).isEqualTo("echo *** | *** | *** | *** | ***");
	}

	@Test
	void anyClientSecretParameterIsMaskedWhateverItsValue() {
		String excerpt = ResponseExcerpt
			.of("grant_type=client_credentials&client_secret=other%7Evalue&scope=x CLIENT_SECRET = y"
				.getBytes(StandardCharsets.UTF_8), SECRET);
		assertThat(excerpt).isEqualTo("grant_type=client_credentials&client_secret=***&scope=x CLIENT_SECRET = ***");
	}

	@Test
	void secretStraddlingTheExcerptLengthIsMaskedBeforeTheCut() {
		String body = "x".repeat(790) + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "y".repeat(100);
		assertThat(ResponseExcerpt.of(body.getBytes(StandardCharsets.UTF_8), SECRET)).doesNotContain("Ab1")
			.doesNotContain("Gh4");
	}

	@Test
	void jwtsAreMaskedWhereverTheyStartAndWhateverFollows() {
		String excerpt = ResponseExcerpt.maskJwts("a xeyJh.eyJp.sig b eyJh.eyJp. c eyJh..x eyJ.a.b eyJh.p");
		assertThat(excerpt).isEqualTo("a x*** b *** c eyJh..x eyJ.a.b eyJh.p");
	}

	@Test
	void jwtMaskingReadsEachCharacterOfAHostileBodyAFewTimesAtMost() {
		int length = 64 * 1024;
		for (String unit : new String[] { "eyJ", "eyJa.", "eyJa.eyJb." }) {
			CountingText text = new CountingText(unit.repeat(length / unit.length()));
			ResponseExcerpt.maskJwts(text);
			// A backtracking pattern reads a run of n such characters about n * n / 6
			// times
			assertThat(text.reads).as(unit).isLessThanOrEqualTo(16L * text.length());
		}
	}

	@Test
	void oneMebibyteOfRepeatedJwtPrefixesIsExcerptedInSecondsNotMinutes() {
		byte[] body = ("{\"error\":\"" + "eyJ".repeat(350_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		// Generous for a loaded machine: the quadratic pattern took seconds for 64 KiB,
		// and
		// 1 MiB is 256 times that
		String excerpt = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ResponseExcerpt.of(body, SECRET));
		assertThat(excerpt).startsWith("{\"error\":\"eyJeyJ").endsWith("...");
	}

	/**
	 * Text that counts how often its characters are read.
	 */
	private static final class CountingText implements CharSequence {

		private final String text;

		long reads;

		CountingText(String text) {
			this.text = text;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			this.reads++;
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			this.reads += end - start;
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
