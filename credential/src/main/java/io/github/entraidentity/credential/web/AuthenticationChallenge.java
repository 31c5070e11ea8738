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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One challenge of a {@code WWW-Authenticate} header: a scheme with either a token68 or
 * named parameters.
 *
 * @param scheme the authentication scheme as sent, for example {@code Bearer}
 * @param token68 the token68 value, or {@code null} when the challenge has parameters
 * @param parameters the parameters by lower-case name in the order sent, values unquoted
 * @author Entra Identity contributors
 */
record AuthenticationChallenge(String scheme, @Nullable String token68, Map<String, String> parameters) {

	AuthenticationChallenge {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Return whether this challenge uses the given scheme, ignoring case.
	 * @param name the scheme name
	 * @return whether the scheme matches
	 */
	boolean hasScheme(String name) {
		return this.scheme.equalsIgnoreCase(name);
	}

	/**
	 * Return a parameter, looked up ignoring case.
	 * @param name the parameter name
	 * @return the unquoted value or {@code null}
	 */
	@Nullable String parameter(String name) {
		return this.parameters.get(name.toLowerCase(Locale.ROOT));
	}

}
