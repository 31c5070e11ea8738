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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;

/**
 * Translates the credential's report into the names a Boot user configured: each
 * {@link ClientSecretCredential.Builder} setting maps to the {@code identity.*} property
 * or {@code AZURE_*} environment variable it came from. The rules themselves live in the
 * credential; this class only renames.
 *
 * @author Entra Identity contributors
 */
class CredentialSettingSources {

	private static final String PERSISTENCE_OPTIONS_SETTING = "cachePersistenceOptions";

	private static final String PERSISTENCE = PERSISTENCE_OPTIONS_SETTING + ".";

	// Only dotted names are rewritten inside texts: plain words such as "authority" also
	// appear as prose.
	private static final Pattern PERSISTENCE_SETTING = Pattern
		.compile("(?<![\\w.])" + Pattern.quote(PERSISTENCE) + "(\\w+)(\\(true\\))?");

	// The library names the persistence options as a whole where a shared store is set
	// too: the user switched them on with one property
	private static final Pattern PERSISTENCE_OPTIONS = Pattern
		.compile("(?<![\\w.])" + Pattern.quote(PERSISTENCE_OPTIONS_SETTING) + "(?![\\w.])");

	/**
	 * The property that makes the Redis auto-configuration set the credential's shared
	 * token store.
	 */
	static final String REDIS_ENABLED = "identity.cache.redis.enabled";

	private static final Pattern ALLOWED_TENANT = Pattern.compile("additionallyAllowedTenants\\[(\\d+)\\]");

	private static final Pattern LISTED_SECRET = Pattern.compile("clientSecrets\\[(\\d+)\\]");

	// The secret settings are named in each other's texts
	private static final Pattern SECRET_SETTING = Pattern
		.compile("(?<![\\w.])(clientSecretFile|clientSecretSources|clientSecrets|clientSecret)(?![\\w\\[])");

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final String prefix;

	/**
	 * Create the translation for the unnamed credential, {@code identity.*}.
	 * @param credential where the credential's settings came from
	 */
	CredentialSettingSources(ConfiguredCredential credential) {
		this(credential, "identity.");
	}

	/**
	 * Create the translation for a credential whose properties share the given prefix.
	 * @param credential where the credential's settings came from
	 * @param prefix the property prefix, {@code identity.} or
	 * {@code identity.credentials.<name>.}
	 */
	CredentialSettingSources(ConfiguredCredential credential, String prefix) {
		this(credential, prefix, false);
	}

	/**
	 * Create the translation for a credential whose properties share the given prefix.
	 * @param credential where the credential's settings came from
	 * @param prefix the property prefix, {@code identity.} or
	 * {@code identity.credentials.<name>.}
	 * @param redisEnabled whether {@value #REDIS_ENABLED} is {@code true}, so that the
	 * shared token store is the Redis token cache
	 */
	CredentialSettingSources(ConfiguredCredential credential, String prefix, boolean redisEnabled) {
		this.prefix = prefix;
		if (redisEnabled) {
			this.properties.put("sharedTokenStore", REDIS_ENABLED);
		}
		this.properties.put(PERSISTENCE_OPTIONS_SETTING, prefix + "cache.persistence.enabled");
		this.properties.put("tenantId", credential.tenantId().name());
		this.properties.put("clientId", credential.clientId().name());
		this.properties.put("clientSecret", credential.clientSecret().name());
		this.properties.put("clientSecretFile", prefix + "client-secret-file");
		this.properties.put("clientSecrets", prefix + "client-secrets");
		this.properties.put("authority",
				(credential.authority() != null) ? credential.authority().name() : prefix + "authority");
		this.properties.put("connectTimeout", prefix + "http.connect-timeout");
		this.properties.put("responseTimeout", prefix + "http.response-timeout");
		this.properties.put("maxRetries", prefix + "http.max-retries");
		this.properties.put(PERSISTENCE + "name", prefix + "cache.persistence.name");
		this.properties.put(PERSISTENCE + "directory", prefix + "cache.persistence.directory");
		this.properties.put(PERSISTENCE + "encryptionKey", prefix + "cache.persistence.key");
		this.properties.put(PERSISTENCE + "encryptionKeyFile", prefix + "cache.persistence.key-file");
		this.properties.put(PERSISTENCE + "allowUnencryptedStorage",
				prefix + "cache.persistence.allow-unencrypted-storage");
	}

	/**
	 * Return the property or environment variable a builder setting came from.
	 * @param setting the builder's name of the setting
	 * @return the property name, or a description naming the builder setting when only a
	 * {@link ClientSecretCredentialBuilderCustomizer} can have set it
	 */
	String propertyFor(String setting) {
		String property = this.properties.get(setting);
		if (property != null) {
			return property;
		}
		Matcher secret = LISTED_SECRET.matcher(setting);
		if (secret.matches()) {
			return this.prefix + "client-secrets[" + secret.group(1) + "]";
		}
		Matcher tenant = ALLOWED_TENANT.matcher(setting);
		if (tenant.matches()) {
			return this.prefix + "additionally-allowed-tenants[" + tenant.group(1) + "]";
		}
		return "ClientSecretCredential.Builder " + setting + " (set by a ClientSecretCredentialBuilderCustomizer)";
	}

	/**
	 * Translate every problem of the credential's report.
	 * @param report the credential's report
	 * @return the problems, named by property
	 */
	List<InvalidIdentityProperty> translate(InvalidCredentialSettingsException report) {
		return report.problems().stream().map(this::translate).toList();
	}

	private InvalidIdentityProperty translate(InvalidSetting problem) {
		return new InvalidIdentityProperty(propertyFor(problem.setting()), rename(problem.reason()),
				rename(problem.action()));
	}

	private String rename(String text) {
		Matcher matcher = PERSISTENCE_SETTING.matcher(text);
		StringBuilder renamed = new StringBuilder();
		while (matcher.find()) {
			String property = propertyFor(PERSISTENCE + matcher.group(1));
			String value = (matcher.group(2) != null) ? "=true" : "";
			matcher.appendReplacement(renamed, Matcher.quoteReplacement(property + value));
		}
		matcher.appendTail(renamed);
		Matcher options = PERSISTENCE_OPTIONS.matcher(renamed.toString());
		renamed = new StringBuilder();
		while (options.find()) {
			options.appendReplacement(renamed, Matcher.quoteReplacement(propertyFor(options.group())));
		}
		options.appendTail(renamed);
		Matcher secrets = SECRET_SETTING.matcher(renamed.toString());
		StringBuilder result = new StringBuilder();
		while (secrets.find()) {
			secrets.appendReplacement(result, Matcher.quoteReplacement(propertyFor(secrets.group(1))));
		}
		secrets.appendTail(result);
		return result.toString();
	}

}
