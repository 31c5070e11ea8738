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

package io.github.entraidentity.reliability;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.TokenTransportException;

/**
 * Describes what a caller got, one line with the fields that matter, so that tests and
 * the report say the same thing.
 */
final class Outcomes {

	private Outcomes() {
	}

	static String describe(Object result) {
		if (result instanceof AccessToken token) {
			return "token " + token.token();
		}
		if (result instanceof TokenTransportException transport) {
			return "TokenTransportException(kind=" + transport.kind() + ", status=" + transport.statusCode() + ")";
		}
		if (result instanceof ClientAuthenticationException authentication) {
			return authentication.getClass().getSimpleName() + "(status=" + authentication.statusCode() + ", error="
					+ authentication.error() + ", codes=" + authentication.errorCodes() + ")";
		}
		if (result instanceof Throwable ex) {
			return ex.getClass().getName();
		}
		return String.valueOf(result);
	}

	static String message(Object result) {
		if (result instanceof Throwable ex) {
			String message = String.valueOf(ex.getMessage());
			return (message.length() > 160) ? message.substring(0, 160) + "..." : message;
		}
		return "";
	}

}
