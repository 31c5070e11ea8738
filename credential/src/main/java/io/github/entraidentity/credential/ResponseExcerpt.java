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

package io.github.entraidentity.credential;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A short, printable, token-scrubbed excerpt of a response body for error messages.
 *
 * @author Entra Identity contributors
 */
final class ResponseExcerpt {

	private static final int MAX_LENGTH = 200;

	private static final Pattern TOKEN_FIELDS = Pattern
		.compile("(\"(?:access_token|refresh_token|id_token|client_secret)\"\\s*:\\s*\")[^\"]*(\")?");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private ResponseExcerpt() {
	}

	static String of(byte[] body, String secret) {
		if (body.length == 0) {
			return "<empty body>";
		}
		String text = new String(body, 0, Math.min(body.length, 4 * MAX_LENGTH), StandardCharsets.UTF_8);
		text = TOKEN_FIELDS.matcher(text).replaceAll("$1***$2");
		text = JWT.matcher(text).replaceAll("***");
		if (!secret.isEmpty()) {
			text = text.replace(secret, "***");
		}
		StringBuilder printable = new StringBuilder();
		for (int i = 0; i < text.length() && printable.length() < MAX_LENGTH; i++) {
			char c = text.charAt(i);
			printable.append(Character.isISOControl(c) ? ' ' : c);
		}
		String result = printable.toString().replaceAll(" {2,}", " ").strip();
		return (body.length > result.length()) ? result + "..." : result;
	}

}
