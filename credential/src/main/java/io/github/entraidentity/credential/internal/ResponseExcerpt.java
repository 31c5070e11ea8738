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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A short, printable, token-scrubbed excerpt of a response body for error messages.
 *
 * @author Entra Identity contributors
 */
final class ResponseExcerpt {

	private static final int MAX_LENGTH = 200;

	// Possessive quantifiers: a body from a hostile or broken authority must not make a
	// pattern backtrack (these run on a shared event loop)
	private static final Pattern TOKEN_FIELDS = Pattern
		.compile("(\"(?:access_token|refresh_token|id_token|client_secret)\"\\s*+:\\s*+\")[^\"]*+(\")?");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("((?:client_secret|client%5Fsecret)\\s*+=\\s*+)[^&\\s\"'<>]*+", Pattern.CASE_INSENSITIVE);

	private ResponseExcerpt() {
	}

	/**
	 * Replace every {@code client_secret} parameter and every encoding of the secret a
	 * server or proxy may echo: raw, form-encoded (with {@code +} or {@code %20} for
	 * spaces, upper- or lower-case hex) and JSON-escaped.
	 * @param text the text to mask
	 * @param secret the client secret
	 * @return the masked text
	 */
	static String mask(String text, String secret) {
		String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1***");
		if (secret.isEmpty()) {
			return masked;
		}
		for (String form : encodings(secret)) {
			masked = Pattern.compile(Pattern.quote(form), Pattern.CASE_INSENSITIVE).matcher(masked).replaceAll("***");
		}
		return masked;
	}

	private static Set<String> encodings(String secret) {
		String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
		Set<String> forms = new LinkedHashSet<>();
		// Masked in this order: once the raw secret is masked, an encoded form that
		// contains it could no longer be found
		forms.add(formEncoded.replace("+", "%20"));
		forms.add(formEncoded);
		forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
		forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
		forms.add(secret);
		return forms;
	}

	/**
	 * Replace what looks like a JWT with {@code ***}: what the pattern
	 * {@code eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*} replaces, found in one
	 * pass. That pattern backtracks over every {@code eyJ} of a long run without dots, so
	 * a 64 KiB body of {@code eyJeyJ...} cost seconds; here the text is cut into segments
	 * (runs of base64url characters between dots) and each is read a few times at most.
	 * @param text the text
	 * @return the text with every JWT masked
	 */
	static String maskJwts(CharSequence text) {
		int length = text.length();
		StringBuilder masked = new StringBuilder(length);
		int copied = 0;
		int i = 0;
		while (i < length) {
			if (!isBase64Url(text.charAt(i))) {
				i++;
				continue;
			}
			int end = segmentEnd(text, i);
			int start = jwtStart(text, i, end);
			// A JWT is "eyJ" and more in this segment, a non-empty segment, and a last
			// one
			// that may be empty; a later "eyJ" of this segment would need the same
			if (start >= 0 && isDot(text, end)) {
				int payloadEnd = segmentEnd(text, end + 1);
				if (payloadEnd > end + 1 && isDot(text, payloadEnd)) {
					int signatureEnd = segmentEnd(text, payloadEnd + 1);
					masked.append(text, copied, start).append("***");
					copied = signatureEnd;
					i = signatureEnd;
					continue;
				}
			}
			i = end;
		}
		return masked.append(text, copied, length).toString();
	}

	private static int segmentEnd(CharSequence text, int from) {
		int end = from;
		while (end < text.length() && isBase64Url(text.charAt(end))) {
			end++;
		}
		return end;
	}

	/**
	 * Return where the segment's first "eyJ" followed by at least one more character of
	 * the segment starts, or -1.
	 */
	private static int jwtStart(CharSequence text, int start, int end) {
		for (int i = start; i + 3 < end; i++) {
			if (text.charAt(i) == 'e' && text.charAt(i + 1) == 'y' && text.charAt(i + 2) == 'J') {
				return i;
			}
		}
		return -1;
	}

	private static boolean isDot(CharSequence text, int index) {
		return index < text.length() && text.charAt(index) == '.';
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	static String of(byte[] body, String secret) {
		if (body.length == 0) {
			return "<empty body>";
		}
		// Mask the whole (already capped) body before cutting it, so that a cut never
		// leaves part of a secret behind
		String text = new String(body, StandardCharsets.UTF_8);
		text = TOKEN_FIELDS.matcher(text).replaceAll("$1***$2");
		text = maskJwts(text);
		text = mask(text, secret);
		StringBuilder printable = new StringBuilder();
		int i = 0;
		for (; i < text.length() && printable.length() < MAX_LENGTH; i++) {
			char c = text.charAt(i);
			printable.append(Character.isISOControl(c) ? ' ' : c);
		}
		String result = printable.toString().replaceAll(" {2,}", " ").strip();
		return (i < text.length()) ? result + "..." : result;
	}

}
