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
import org.springframework.util.StringUtils;

/**
 * Whether properties are set under a name, in any relaxed form, without binding them: the
 * cheap test that lets a condition or check skip its work when nothing is configured.
 *
 * @author Entra Identity contributors
 */
final class IdentityPropertySources {

	private static final ConfigurationPropertyName IDENTITY = ConfigurationPropertyName.of("identity");

	private IdentityPropertySources() {
	}

	/**
	 * Return whether the environment may configure anything of the starter: a property
	 * may be set under {@code identity.*}, or {@code AZURE_CLIENT_ID} is set, which every
	 * credential configured by the Azure SDK's environment variables needs. Without
	 * either the starter has nothing to create or check, and its auto-configuration backs
	 * off before it loads the classes that would (startup time of an application that has
	 * the starter on its class path but does not use it).
	 * @param environment the environment
	 * @return whether anything may be configured
	 */
	static boolean mayConfigureIdentity(Environment environment) {
		return mayBeSetUnder(environment, IDENTITY)
				|| StringUtils.hasText(environment.getProperty(ConfiguredCredential.AZURE_CLIENT_ID));
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
