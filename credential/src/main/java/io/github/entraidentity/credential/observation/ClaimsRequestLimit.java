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

package io.github.entraidentity.credential.observation;

/**
 * What the credential did instead of sending a token request with claims, because an API
 * asked for claims again too soon or too often.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 * @see CredentialEventListener#claimsRequestLimited(ClaimsRequestLimit)
 */
public enum ClaimsRequestLimit {

	/**
	 * The same claims were answered moments ago: the token they produced was served
	 * again.
	 */
	REUSED("reused"),

	/**
	 * Too many token requests with claims for one tenant, scope set and CAE mode in the
	 * current window: the request was refused.
	 */
	REFUSED("refused");

	private final String tag;

	ClaimsRequestLimit(String tag) {
		this.tag = tag;
	}

	/**
	 * Return a short lower-case name, suitable as a metric tag value.
	 * @return the name
	 */
	public String tag() {
		return this.tag;
	}

}
