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
 * How the token cache answered one {@code getToken} call.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public enum CacheResult {

	/**
	 * A fresh cached token was served with no I/O.
	 */
	HIT("hit"),

	/**
	 * A valid cached token inside its refresh window was served while a background
	 * refresh runs or waits for its next attempt.
	 */
	REFRESHING("refreshing"),

	/**
	 * No valid token was cached: the caller waited for a fetch (or joined one in flight).
	 */
	MISS("miss"),

	/**
	 * The request carried claims, which always bypass the cache.
	 */
	BYPASS("bypass");

	private final String tag;

	CacheResult(String tag) {
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
