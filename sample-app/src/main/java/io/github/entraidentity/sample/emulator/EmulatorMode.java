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

package io.github.entraidentity.sample.emulator;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides whether the sample app runs against the embedded emulator: when
 * {@code emulator.enabled} says so, or, when it is unset, when no real Entra setting is
 * given through {@code identity.*} properties or {@code AZURE_*} environment variables.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EmulatorMode {

	/**
	 * Property that switches the emulator on or off explicitly.
	 */
	public static final String ENABLED_PROPERTY = "emulator.enabled";

	/**
	 * Profile that is active while the emulator is used.
	 */
	public static final String PROFILE = "emulator";

	static final List<String> REAL_SETTINGS = List.of("identity.tenant-id", "identity.client-id",
			"identity.client-secret", "identity.client-secret-file", "identity.client-secrets",
			"identity.client-secrets[0]", "identity.authority", "AZURE_TENANT_ID", "AZURE_CLIENT_ID",
			"AZURE_CLIENT_SECRET");

	private EmulatorMode() {
	}

	/**
	 * Return whether the emulator is to be used.
	 * @param environment the environment
	 * @return whether to start the emulator and point the credential at it
	 */
	public static boolean isEnabled(Environment environment) {
		String explicit = environment.getProperty(ENABLED_PROPERTY);
		if (StringUtils.hasText(explicit)) {
			return Boolean.parseBoolean(explicit.strip());
		}
		return REAL_SETTINGS.stream().noneMatch((name) -> StringUtils.hasText(environment.getProperty(name)));
	}

}
