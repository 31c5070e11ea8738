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

package io.github.entraidentity.autoconfigure;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The starter's own unknown-property check, the one behind its startup report, for the
 * documentation's YAML snippets (it is package-private in the starter).
 *
 * @author Entra Identity contributors
 */
public final class DocumentedIdentityProperties {

	private DocumentedIdentityProperties() {
	}

	/**
	 * Return each {@code identity.*} property of the environment that the starter does
	 * not know, with the reason the startup report would give.
	 * @param environment the snippet's properties
	 * @return the problems, empty when every property is known
	 */
	public static List<String> unknown(Environment environment) {
		return UnknownIdentityProperties.find(environment)
			.stream()
			.map((problem) -> problem.name() + " " + problem.reason())
			.toList();
	}

}
