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
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the credentials' secrets in actuator output ({@code /actuator/env},
 * {@code /actuator/configprops}), even when values are shown, by one rule: an
 * {@code identity.*} or {@code azure.*} property whose name ends with {@code secret},
 * {@code password}, {@code passphrase}, {@code key} or {@code token} (or their plurals,
 * or an index of them) holds a secret. The rule reads the name with separators and case
 * removed, so it masks every relaxed form alike ({@code identity.client-secret},
 * {@code identity.clientSecret}, {@code IDENTITY_CLIENTSECRET},
 * {@code identity.client-secrets[0]}, {@code IDENTITY_CACHE_REDIS_ENCRYPTIONKEY}), the
 * same properties of every named credential ({@code identity.credentials.<name>.*}), and
 * {@code AZURE_CLIENT_SECRET}. A property that only points at a secret or names something
 * ({@code client-secret-file}, {@code key-prefix}) ends with another word and stays
 * visible.
 *
 * @author Entra Identity contributors
 */
class IdentitySanitizingFunction implements SanitizingFunction {

	// Checked against every configuration property of the starter by
	// SecretPropertiesTests: a new property that holds a secret must end like one
	private static final Pattern SECRET = Pattern
		.compile("(identity|azure)[a-z0-9]*(secret|password|passphrase|key|token)s?\\d*");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		String normalized = key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
		return SECRET.matcher(normalized).matches();
	}

}
