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

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * Whether properties are set under a name, in any relaxed form, without binding them: the
 * cheap test that lets a condition or check skip its work when nothing is configured.
 *
 * @author Entra Identity contributors
 */
final class IdentityPropertySources {

	private IdentityPropertySources() {
	}

	/**
	 * Return whether some property source may hold a property under the name: one does,
	 * or one cannot tell (a source that cannot list its names).
	 * @param environment the environment
	 * @param name the name, such as {@code identity.service-clients}
	 * @return whether a property may be set under it
	 */
	static boolean mayBeSetUnder(Environment environment, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(name) != ConfigurationPropertyState.ABSENT) {
				return true;
			}
		}
		return false;
	}

}
