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

/**
 * The credential cannot even try to authenticate: it lacks data, is closed, or the
 * platform does not support what it was asked to do.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class CredentialUnavailableException extends ClientAuthenticationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the message
	 */
	public CredentialUnavailableException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param cause the cause
	 */
	public CredentialUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
