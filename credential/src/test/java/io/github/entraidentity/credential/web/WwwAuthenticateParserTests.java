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

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WwwAuthenticateParserTests {

	static Stream<Arguments> wellFormedHeaders() {
		return Stream.of(
				arguments("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"eyJhIjoxfQ\"",
						"Bearer{realm=;error=insufficient_claims;claims=eyJhIjoxfQ}"),
				arguments("Basic realm=\"x\", Bearer error=\"insufficient_claims\", claims=\"abc\"",
						"Basic{realm=x} | Bearer{error=insufficient_claims;claims=abc}"),
				arguments("Bearer error=\"insufficient_claims\", claims=\"abc\", Basic realm=\"x\"",
						"Bearer{error=insufficient_claims;claims=abc} | Basic{realm=x}"),
				arguments("Bearer realm=\"a, b=c\", error=\"x\"", "Bearer{realm=a, b=c;error=x}"),
				arguments("Bearer realm=\"say \\\"hi\\\", then \\\\ go\"", "Bearer{realm=say \"hi\", then \\ go}"),
				arguments("Basic dXNlcjpwYXNz", "Basic[dXNlcjpwYXNz]"),
				arguments("Negotiate abc+/==, Bearer a=b", "Negotiate[abc+/==] | Bearer{a=b}"),
				arguments("Bearer error=insufficient_claims, claims=abc",
						"Bearer{error=insufficient_claims;claims=abc}"),
				arguments("bEaReR ERROR=\"x\", Claims=\"y\"", "bEaReR{error=x;claims=y}"),
				arguments("Bearer", "Bearer{}"), arguments("Bearer, Basic", "Bearer{} | Basic{}"),
				arguments("PoP nonce=\"n1\", Bearer realm=\"\"", "PoP{nonce=n1} | Bearer{realm=}"),
				arguments(" , Bearer a=\"1\" ,, b=\"2\" , ", "Bearer{a=1;b=2}"),
				arguments("Bearer\ta\t=\t\"1\",\tb=2", "Bearer{a=1;b=2}"),
				arguments("Bearer realm=x, Basic, Digest nonce=\"n\"", "Bearer{realm=x} | Basic{} | Digest{nonce=n}"),
				arguments("Bearer a=\"\\\"\"", "Bearer{a=\"}"), arguments("Bearer a=", "Bearer[a=]"),
				arguments("Bearer claims=eyJhIjoxfQ==, b=x", "Bearer{claims=eyJhIjoxfQ==;b=x}"), arguments("", ""),
				arguments("   ", ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wellFormedHeaders")
	void parsesWellFormedHeader(String header, String expected) {
		assertThat(render(WwwAuthenticateParser.parse(header))).isEqualTo(expected);
	}

	static Stream<String> malformedHeaders() {
		return Stream.of("Bearer realm=\"unterminated", "Bearer a=\"1\" b=\"2\"", "Bearer a=, b=1", "Bearer a=b=c",
				"Bearer a=\"1\", A=\"2\"", "=\"x\"", "Bearer realm=\"x\", =y", "Bearer a=\"1\\", "Bearer\"x\"",
				"Bearer a b", "Bearer a==b", "Bearer a=\"1\"x", "Bearer a=1 ;", "\"Bearer\"", "Bearer abc== def",
				"Basic realm=\"x\", Bearer error=\"insufficient_claims\", claims=\"abc");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedHeaders")
	void yieldsNoChallengeForMalformedHeader(String header) {
		assertThat(WwwAuthenticateParser.parse(header)).isEmpty();
	}

	@Test
	void parsesEveryHeaderValueAndSkipsOnlyTheMalformedOnes() {
		List<AuthenticationChallenge> challenges = WwwAuthenticateParser
			.parse(Arrays.asList("Basic realm=\"x\"", "Bearer a=\"broken", null, "PoP nonce=n, Bearer error=e"));
		assertThat(render(challenges)).isEqualTo("Basic{realm=x} | PoP{nonce=n} | Bearer{error=e}");
	}

	@Test
	void yieldsNoChallengeForNoHeader() {
		assertThat(WwwAuthenticateParser.parse((List<String>) null)).isEmpty();
		assertThat(WwwAuthenticateParser.parse((String) null)).isEmpty();
	}

	@Test
	void looksUpSchemeAndParametersIgnoringCase() {
		AuthenticationChallenge challenge = WwwAuthenticateParser.parse("BEARER Error=\"E\"").get(0);
		assertThat(challenge.hasScheme("bearer")).isTrue();
		assertThat(challenge.parameter("ERROR")).isEqualTo("E");
		assertThat(challenge.parameter("claims")).isNull();
	}

	private static String render(List<AuthenticationChallenge> challenges) {
		return challenges.stream().map((challenge) -> {
			if (challenge.token68() != null) {
				return challenge.scheme() + "[" + challenge.token68() + "]";
			}
			return challenge.scheme() + challenge.parameters()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.collect(Collectors.joining(";", "{", "}"));
		}).collect(Collectors.joining(" | "));
	}

}
