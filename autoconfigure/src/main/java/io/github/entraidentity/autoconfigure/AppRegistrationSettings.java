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
import java.util.Map;
import java.util.regex.Pattern;

import io.github.entraidentity.credential.AppRegistrationCredentialBuilder;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The app registration settings (tenant, client id, authority, additionally allowed
 * tenants) of a credential type without a secret, from its properties or, for the unnamed
 * credential configured by environment variables, from {@code AZURE_*}, and the property
 * each builder setting came from.
 *
 * @author Entra Identity contributors
 */
final class AppRegistrationSettings {

	/**
	 * The list settings of an app registration builder, by their property.
	 */
	static final Map<Pattern, String> INDEXED = Map.of(Pattern.compile("additionallyAllowedTenants\\[(\\d+)\\]"),
			"additionally-allowed-tenants");

	private final CredentialProperties properties;

	private final boolean named;

	private final Map<String, String> settings = new LinkedHashMap<>();

	private final @Nullable String tenantId;

	private final @Nullable String clientId;

	private AppRegistrationSettings(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver variables, boolean named) {
		this.properties = properties;
		this.named = named;
		boolean fromVariables = variables != null;
		this.tenantId = fromVariables ? variables.getProperty(ConfiguredCredential.AZURE_TENANT_ID)
				: properties.getTenantId();
		this.clientId = fromVariables ? variables.getProperty(ConfiguredCredential.AZURE_CLIENT_ID)
				: properties.getClientId();
		this.settings.put("tenantId", fromVariables ? ConfiguredCredential.AZURE_TENANT_ID : prefix + "tenant-id");
		this.settings.put("clientId", fromVariables ? ConfiguredCredential.AZURE_CLIENT_ID : prefix + "client-id");
		this.settings.put("authority", prefix + "authority");
		this.settings.put("authority (from AZURE_AUTHORITY_HOST)", ConfiguredCredential.AZURE_AUTHORITY_HOST);
	}

	/**
	 * Resolve the settings.
	 * @param prefix the property prefix
	 * @param properties the credential's properties
	 * @param variables where the tenant and client id are read instead of the properties
	 * (the unnamed credential configured by {@code AZURE_*} variables), or {@code null}
	 * @param environment the unnamed credential's environment, {@code null} for a named
	 * credential
	 * @return the settings
	 */
	static AppRegistrationSettings of(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver variables, @Nullable PropertyResolver environment) {
		return new AppRegistrationSettings(prefix, properties, variables, environment == null);
	}

	/**
	 * Apply the settings to a builder.
	 * @param <B> the builder type
	 * @param builder the builder
	 * @return the builder
	 */
	<B extends AppRegistrationCredentialBuilder<B>> B apply(B builder) {
		if (this.tenantId != null) {
			builder.tenantId(this.tenantId);
		}
		if (this.clientId != null) {
			builder.clientId(this.clientId);
		}
		return applyAuthority(builder);
	}

	/**
	 * Apply the settings to a builder that falls back to the environment for a tenant or
	 * client id not set; a named credential's are set even when blank, so that the report
	 * names its properties instead.
	 * @param <B> the builder type
	 * @param builder the builder
	 * @param properties the credential's properties
	 * @return the builder
	 */
	<B extends AppRegistrationCredentialBuilder<B>> B applyIfSet(B builder, CredentialProperties properties) {
		if (StringUtils.hasText(properties.getTenantId()) || this.named) {
			builder.tenantId((properties.getTenantId() != null) ? properties.getTenantId() : "");
		}
		if (StringUtils.hasText(properties.getClientId()) || this.named) {
			builder.clientId((properties.getClientId() != null) ? properties.getClientId() : "");
		}
		return applyAuthority(builder);
	}

	private <B extends AppRegistrationCredentialBuilder<B>> B applyAuthority(B builder) {
		builder.additionallyAllowedTenants(this.properties.getAdditionallyAllowedTenants());
		if (this.properties.getAuthority() != null) {
			builder.authority(this.properties.getAuthority());
		}
		else if (this.named) {
			// AZURE_AUTHORITY_HOST describes the unnamed credential
			builder.authority(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
		}
		return builder;
	}

	/**
	 * Return the property of each app registration setting, for the type to add its own.
	 * @return the settings, mutable
	 */
	Map<String, String> settings() {
		return this.settings;
	}

}
