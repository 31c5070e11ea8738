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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Parses {@code WWW-Authenticate} header values (RFC 9110, section 11.6.1): several
 * challenges per value, token68 or parameters, quoted strings with escapes,
 * case-insensitive scheme and parameter names. One leniency: an unquoted parameter value
 * may end in {@code =} padding, as unquoted base64 does.
 * <p>
 * Parsing never throws: a value that does not follow the grammar contributes no
 * challenges at all, because a challenge read from a half-understood value could be
 * wrong. Other values of the same header are still used.
 *
 * @author Entra Identity contributors
 */
final class WwwAuthenticateParser {

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private static final String TOKEN68_SYMBOLS = "-._~+/";

	private final String input;

	private int position;

	private WwwAuthenticateParser(String input) {
		this.input = input;
	}

	/**
	 * Parse the values of one or more {@code WWW-Authenticate} headers.
	 * @param headerValues the header values, possibly empty or containing {@code null}
	 * @return the challenges of all well-formed values, in order
	 */
	static List<AuthenticationChallenge> parse(@Nullable List<@Nullable String> headerValues) {
		if (headerValues == null) {
			return List.of();
		}
		List<AuthenticationChallenge> challenges = new ArrayList<>();
		for (String value : headerValues) {
			challenges.addAll(parse(value));
		}
		return challenges;
	}

	/**
	 * Parse one {@code WWW-Authenticate} header value.
	 * @param headerValue the header value or {@code null}
	 * @return its challenges, or an empty list when it is empty or malformed
	 */
	static List<AuthenticationChallenge> parse(@Nullable String headerValue) {
		if (headerValue == null) {
			return List.of();
		}
		try {
			return new WwwAuthenticateParser(headerValue).challenges();
		}
		catch (MalformedHeaderException ex) {
			return List.of();
		}
	}

	private List<AuthenticationChallenge> challenges() {
		List<AuthenticationChallenge> challenges = new ArrayList<>();
		skipListSeparators();
		while (!atEnd()) {
			String scheme = token();
			if (scheme.isEmpty()) {
				throw new MalformedHeaderException();
			}
			challenges.add(challenge(scheme));
			skipListSeparators();
		}
		return challenges;
	}

	private AuthenticationChallenge challenge(String scheme) {
		int afterScheme = this.position;
		skipSpaces();
		if (atEndOfElement()) {
			return new AuthenticationChallenge(scheme, null, Map.of());
		}
		if (this.position == afterScheme) {
			// The scheme must be separated from what follows by at least one space
			throw new MalformedHeaderException();
		}
		int start = this.position;
		String token68 = token68();
		if (!token68.isEmpty()) {
			skipSpaces();
			if (atEndOfElement()) {
				return new AuthenticationChallenge(scheme, token68, Map.of());
			}
			// Not a token68 after all (for example "realm=" of realm="x"): read
			// parameters
			this.position = start;
		}
		return new AuthenticationChallenge(scheme, null, parameters());
	}

	private Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		while (true) {
			String name = token();
			if (name.isEmpty()) {
				throw new MalformedHeaderException();
			}
			skipSpaces();
			expect('=');
			skipSpaces();
			String value;
			if (peek() == '"') {
				value = quotedString();
			}
			else {
				value = tokenWithPadding();
			}
			if (parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
				// A parameter name must occur only once per challenge: refuse to guess
				throw new MalformedHeaderException();
			}
			skipSpaces();
			if (atEnd()) {
				return parameters;
			}
			expect(',');
			skipListSeparators();
			if (atEnd() || !startsParameter()) {
				return parameters;
			}
		}
	}

	private boolean startsParameter() {
		int mark = this.position;
		String name = token();
		skipSpaces();
		boolean parameter = !name.isEmpty() && peek() == '=';
		this.position = mark;
		return parameter;
	}

	private String token() {
		int start = this.position;
		while (!atEnd() && isTokenChar(this.input.charAt(this.position))) {
			this.position++;
		}
		return this.input.substring(start, this.position);
	}

	private String tokenWithPadding() {
		String token = token();
		if (token.isEmpty()) {
			throw new MalformedHeaderException();
		}
		// Lenient: servers send unquoted base64 with its padding, which a token cannot
		// hold
		int start = this.position;
		while (peek() == '=') {
			this.position++;
		}
		return token + this.input.substring(start, this.position);
	}

	private String token68() {
		int start = this.position;
		while (!atEnd() && isToken68Char(this.input.charAt(this.position))) {
			this.position++;
		}
		if (this.position == start) {
			return "";
		}
		while (peek() == '=') {
			this.position++;
		}
		return this.input.substring(start, this.position);
	}

	private String quotedString() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (!atEnd()) {
			char c = this.input.charAt(this.position++);
			if (c == '"') {
				return value.toString();
			}
			if (c == '\\') {
				if (atEnd()) {
					break;
				}
				c = this.input.charAt(this.position++);
			}
			value.append(c);
		}
		throw new MalformedHeaderException();
	}

	private void expect(char expected) {
		if (peek() != expected) {
			throw new MalformedHeaderException();
		}
		this.position++;
	}

	private void skipSpaces() {
		while (peek() == ' ' || peek() == '\t') {
			this.position++;
		}
	}

	private void skipListSeparators() {
		while (peek() == ' ' || peek() == '\t' || peek() == ',') {
			this.position++;
		}
	}

	private boolean atEndOfElement() {
		return atEnd() || peek() == ',';
	}

	private boolean atEnd() {
		return this.position >= this.input.length();
	}

	private char peek() {
		return atEnd() ? '\0' : this.input.charAt(this.position);
	}

	private static boolean isTokenChar(char c) {
		return isAlphaOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0;
	}

	private static boolean isToken68Char(char c) {
		return isAlphaOrDigit(c) || TOKEN68_SYMBOLS.indexOf(c) >= 0;
	}

	private static boolean isAlphaOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	/**
	 * Signals input that does not follow the grammar; never leaves this class.
	 */
	private static final class MalformedHeaderException extends RuntimeException {

		MalformedHeaderException() {
			super(null, null, false, false);
		}

	}

}
