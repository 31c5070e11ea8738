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
import io.github.entraidentity.credential.CredentialBuilder;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;

/**
 * Translates a credential's report into the names a Boot user configured: each builder
 * setting maps to the {@code identity.*} property or {@code AZURE_*} environment variable
 * it came from. The settings every type shares ({@link CredentialBuilder}) are mapped
 * here, each type's own by its {@link CredentialType} ({@link TypeSettings}). The rules
 * themselves live in the credential; this class only renames.
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
	 * Prefix of the properties of the token cache shared through Redis.
	 */
	static final String REDIS_PREFIX = "identity.cache.redis.";

	/**
	 * The property that makes the Redis auto-configuration set the credential's shared
	 * token store.
	 */
	static final String REDIS_ENABLED = REDIS_PREFIX + "enabled";

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final String prefix;

	private final TypeSettings type;

	/**
	 * Create the translation for a credential whose properties share the given prefix.
	 * @param prefix the property prefix, {@code identity.} or
	 * {@code identity.credentials.<name>.}
	 * @param redisEnabled whether {@value #REDIS_ENABLED} is {@code true}, so that the
	 * shared token store is the Redis token cache
	 * @param type the settings of the credential's type
	 */
	CredentialSettingSources(String prefix, boolean redisEnabled, TypeSettings type) {
		this.prefix = prefix;
		this.type = type;
		if (redisEnabled) {
			this.properties.put("sharedTokenStore", REDIS_ENABLED);
		}
		this.properties.put(PERSISTENCE_OPTIONS_SETTING, prefix + "cache.persistence.enabled");
		this.properties.putAll(type.properties());
		this.properties.put("connectTimeout", prefix + "http.connect-timeout");
		this.properties.put("responseTimeout", prefix + "http.response-timeout");
		this.properties.put("maxRetries", prefix + "http.max-retries");
		this.properties.put("maxCacheEntries", prefix + "cache.max-entries");
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
	 * builder customizer can have set it
	 */
	String propertyFor(String setting) {
		String property = this.properties.get(setting);
		if (property != null) {
			return property;
		}
		for (Map.Entry<Pattern, String> indexed : this.type.indexedProperties().entrySet()) {
			Matcher matcher = indexed.getKey().matcher(setting);
			if (matcher.matches()) {
				return this.prefix + indexed.getValue() + "[" + matcher.group(1) + "]";
			}
		}
		return this.type.customizedSetting().formatted(setting);
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
		Matcher secrets = this.type.settingsInTexts().matcher(renamed.toString());
		StringBuilder result = new StringBuilder();
		while (secrets.find()) {
			secrets.appendReplacement(result, Matcher.quoteReplacement(propertyFor(secrets.group(1))));
		}
		secrets.appendTail(result);
		return result.toString();
	}

	/**
	 * The settings of one credential type's builder that the type maps itself.
	 *
	 * @param properties the property or environment variable of each of its settings
	 * @param indexedProperties the property, without the prefix, of settings that are
	 * list elements, by a pattern matching the setting with its index as group 1
	 * @param settingsInTexts matches the names of its settings where the credential's
	 * texts name them (group 1 being the setting)
	 * @param customizedSetting the description of a setting that only a customizer can
	 * have set, {@code %s} standing for the setting
	 */
	record TypeSettings(Map<String, String> properties, Map<Pattern, String> indexedProperties, Pattern settingsInTexts,
			String customizedSetting) {

	}

}
