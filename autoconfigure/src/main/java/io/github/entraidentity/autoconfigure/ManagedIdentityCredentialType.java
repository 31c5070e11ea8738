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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.CredentialSettingSources.TypeSettings;
import io.github.entraidentity.credential.CredentialDefaults;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.ManagedIdentityCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.PropertyResolver;

/**
 * The {@link ManagedIdentityCredential} type: configured by
 * {@code managed-identity.enabled=true}, never by environment variables alone (the
 * variables of the platform's endpoint are there whether or not the app means to use the
 * identity).
 *
 * @author Entra Identity contributors
 */
final class ManagedIdentityCredentialType implements CredentialType {

	static final ManagedIdentityCredentialType INSTANCE = new ManagedIdentityCredentialType();

	private static final Pattern ID_SETTINGS = Pattern.compile("(?<![\\w.])(clientId|objectId|resourceId)(?![\\w\\[])");

	private ManagedIdentityCredentialType() {
	}

	@Override
	public Class<ManagedIdentityCredential> credentialClass() {
		return ManagedIdentityCredential.class;
	}

	@Override
	public String description() {
		return "managed-identity";
	}

	@Override
	public boolean isConfigured(Binder binder, String prefix) {
		return !proofPropertiesSet(binder, prefix).isEmpty();
	}

	@Override
	public List<String> proofPropertiesSet(Binder binder, String prefix) {
		String enabled = prefix + "managed-identity.enabled";
		return binder.bind(enabled, Boolean.class).orElse(false) ? List.of(enabled) : List.of();
	}

	// The endpoint is on the machine or next to it: an app off Azure learns in a second
	// that there is none
	@Override
	public Duration defaultConnectTimeout() {
		return CredentialDefaults.MANAGED_IDENTITY_CONNECT_TIMEOUT;
	}

	@Override
	public boolean isConfiguredByEnvironmentVariables(PropertyResolver environment) {
		return false;
	}

	@Override
	public String describeConfiguration() {
		return "identity.managed-identity.enabled=true";
	}

	@Override
	public Configured<ManagedIdentityCredential.Builder> configure(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver environmentVariables, @Nullable SslBundles sslBundles) {
		ManagedIdentityProperties managedIdentity = properties.getManagedIdentity();
		ManagedIdentityCredential.Builder builder = ManagedIdentityCredential.builder();
		if (managedIdentity.getClientId() != null) {
			builder.clientId(managedIdentity.getClientId());
		}
		if (managedIdentity.getObjectId() != null) {
			builder.objectId(managedIdentity.getObjectId());
		}
		if (managedIdentity.getResourceId() != null) {
			builder.resourceId(managedIdentity.getResourceId());
		}
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("clientId", prefix + "managed-identity.client-id");
		settings.put("objectId", prefix + "managed-identity.object-id");
		settings.put("resourceId", prefix + "managed-identity.resource-id");
		settings.put("tenantId", prefix + "tenant-id");
		settings.put("appRegistrationClientId", prefix + "client-id");
		return new ConfiguredManagedIdentityCredential(builder,
				new TypeSettings(settings, Map.of(), ID_SETTINGS,
						"ManagedIdentityCredential.Builder %s (set by a CredentialBuilderCustomizer)"),
				properties, prefix);
	}

	private record ConfiguredManagedIdentityCredential(ManagedIdentityCredential.Builder builder, TypeSettings settings,
			CredentialProperties properties, String prefix) implements Configured<ManagedIdentityCredential.Builder> {

		@Override
		public void validate() throws InvalidCredentialSettingsException {
			List<InvalidSetting> problems = new ArrayList<>();
			// An app registration's ids say nothing to a managed identity: a client id
			// here
			// is almost always meant as the user-assigned identity's
			if (this.properties.getTenantId() != null) {
				problems
					.add(new InvalidSetting("tenantId", "is set for a managed identity, which has no tenant setting",
							"Remove it: the identity belongs to the tenant of the resource the app runs on."));
			}
			if (this.properties.getClientId() != null) {
				problems.add(new InvalidSetting("appRegistrationClientId",
						"is set for a managed identity, which is not an app registration", "Use " + this.prefix
								+ "managed-identity.client-id to name a user-assigned identity, or" + " remove it."));
			}
			try {
				this.builder.validate();
			}
			catch (InvalidCredentialSettingsException ex) {
				problems.addAll(ex.problems());
			}
			if (!problems.isEmpty()) {
				throw new InvalidCredentialSettingsException(problems);
			}
		}

		@Override
		public void customize(String name, Customizers customizers) {
			customizers.applyShared(name, this.builder);
		}

		@Override
		public EntraCredential build(String name, Customizers customizers) {
			customize(name, customizers);
			return this.builder.build();
		}

	}

}
