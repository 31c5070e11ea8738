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

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the credential's secrets in actuator output ({@code /actuator/env},
 * {@code /actuator/configprops}), even when values are shown: the client secret, the
 * proxy password, the cache key and {@code AZURE_CLIENT_SECRET}, in any relaxed form
 * ({@code identity.client-secret}, {@code identity.clientSecret},
 * {@code IDENTITY_CLIENTSECRET}), and the same secrets of every named credential
 * ({@code identity.credentials.<name>.client-secret}, ...).
 *
 * @author Entra Identity contributors
 */
class IdentitySanitizingFunction implements SanitizingFunction {

	private static final Set<String> SECRET_KEYS = Set.of("identityclientsecret", "identityproxypassword",
			"identitycachepersistencekey", "azureclientsecret");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	private static final String NAMED_PREFIX = "identitycredentials";

	private static final Set<String> NAMED_SECRET_SUFFIXES = Set.of("clientsecret", "proxypassword",
			"cachepersistencekey");

	private static boolean isSecret(String key) {
		String normalized = key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
		if (SECRET_KEYS.contains(normalized)) {
			return true;
		}
		// identity.credentials.<name>.client-secret: the name is anything, so match the
		// ends; a name that itself ends like a secret only masks more, never less
		return normalized.startsWith(NAMED_PREFIX)
				&& NAMED_SECRET_SUFFIXES.stream().anyMatch((suffix) -> normalized.endsWith(suffix));
	}

}
