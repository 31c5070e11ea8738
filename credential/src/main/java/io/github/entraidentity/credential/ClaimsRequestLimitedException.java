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

import io.github.entraidentity.credential.web.BearerTokenFilter;

/**
 * A token request with claims was refused because too many were sent for one tenant,
 * scope set and CAE mode in the current window. {@link BearerTokenFilter} answers it by
 * returning the API's {@code 401} unchanged.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClaimsRequestLimitedException extends CredentialUnavailableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what was limited and what to do
	 */
	public ClaimsRequestLimitedException(String message) {
		super(message);
	}

}
