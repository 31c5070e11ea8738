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
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.ConfiguredCredential.Setting;
import io.github.entraidentity.autoconfigure.CredentialSettingSources.TypeSettings;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The {@link ClientSecretCredential} type: configured by a tenant id, a client id and a
 * client secret ({@code client-secret}, {@code client-secret-file} or
 * {@code client-secrets}), or for the unnamed credential by all of
 * {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and {@code AZURE_CLIENT_SECRET}.
 * Applications customize its builder with {@link ClientSecretCredentialBuilderCustomizer}
 * beans.
 *
 * @author Entra Identity contributors
 */
final class ClientSecretCredentialType implements CredentialType {

	static final ClientSecretCredentialType INSTANCE = new ClientSecretCredentialType();

	private static final List<String> TEXT_PROPERTIES = List.of("tenant-id", "client-id", "client-secret",
			"client-secret-file");

	// The secret settings are named in each other's texts
	private static final Pattern SECRET_SETTING = Pattern
		.compile("(?<![\\w.])(clientSecretFile|clientSecretSources|clientSecrets|clientSecret)(?![\\w\\[])");

	private static final Map<Pattern, String> INDEXED_PROPERTIES = Map.of(Pattern.compile("clientSecrets\\[(\\d+)\\]"),
			"client-secrets", Pattern.compile("additionallyAllowedTenants\\[(\\d+)\\]"),
			"additionally-allowed-tenants");

	private ClientSecretCredentialType() {
	}

	@Override
	public Class<ClientSecretCredential> credentialClass() {
		return ClientSecretCredential.class;
	}

	@Override
	public String description() {
		return "client-secret";
	}

	@Override
	public boolean isConfigured(Binder binder, String prefix) {
		for (String name : TEXT_PROPERTIES) {
			if (StringUtils.hasText(binder.bind(prefix + name, String.class).orElse(null))) {
				return true;
			}
		}
		return !binder.bind(prefix + "client-secrets", Bindable.listOf(String.class)).orElse(List.of()).isEmpty();
	}

	@Override
	public boolean isConfiguredByEnvironmentVariables(PropertyResolver environment) {
		return ConfiguredCredential.environmentVariablesComplete(environment);
	}

	@Override
	public List<String> proofPropertiesSet(Binder binder, String prefix) {
		List<String> set = new java.util.ArrayList<>();
		for (String name : List.of("client-secret", "client-secret-file")) {
			if (StringUtils.hasText(binder.bind(prefix + name, String.class).orElse(null))) {
				set.add(prefix + name);
			}
		}
		if (!binder.bind(prefix + "client-secrets", Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
			set.add(prefix + "client-secrets");
		}
		return set;
	}

	@Override
	public String describeConfiguration() {
		return "identity.tenant-id, identity.client-id, identity.client-secret, identity.client-secret-file,"
				+ " identity.client-secrets or all of AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET";
	}

	@Override
	public Configured<ClientSecretCredential.Builder> configure(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver environmentVariables, @Nullable SslBundles sslBundles) {
		ConfiguredCredential credential = (environmentVariables != null)
				? ConfiguredCredential.resolve(properties, environmentVariables)
				: ConfiguredCredential.named(prefix, properties);
		ClientSecretCredential.Builder builder = ClientSecretCredential.builder()
			.additionallyAllowedTenants(properties.getAdditionallyAllowedTenants())
			.tenantId(credential.tenantId().value())
			.clientId(credential.clientId().value())
			.clientSecret(credential.clientSecret().value());
		if (credential.clientSecretFile() != null) {
			builder.clientSecretFile(credential.clientSecretFile());
		}
		if (!credential.clientSecrets().isEmpty()) {
			builder.clientSecrets(credential.clientSecrets());
		}
		Setting authority = credential.authority();
		builder.authority((authority != null && authority.value() != null) ? authority.value()
				: AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
		return new ConfiguredClientSecretCredential(builder, settings(prefix, credential));
	}

	private static TypeSettings settings(String prefix, ConfiguredCredential credential) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("tenantId", credential.tenantId().name());
		properties.put("clientId", credential.clientId().name());
		properties.put("clientSecret", credential.clientSecret().name());
		properties.put("clientSecretFile", prefix + "client-secret-file");
		properties.put("clientSecrets", prefix + "client-secrets");
		properties.put("authority",
				(credential.authority() != null) ? credential.authority().name() : prefix + "authority");
		return new TypeSettings(properties, INDEXED_PROPERTIES, SECRET_SETTING,
				"ClientSecretCredential.Builder %s (set by a ClientSecretCredentialBuilderCustomizer)");
	}

	private record ConfiguredClientSecretCredential(ClientSecretCredential.Builder builder,
			TypeSettings settings) implements Configured<ClientSecretCredential.Builder> {

		@Override
		public void validate() {
			this.builder.validate();
		}

		@Override
		public void customize(String name, Customizers customizers) {
			customizers.clientSecret()
				.orderedStream()
				.forEach((customizer) -> customizer.customize(name, this.builder));
		}

		@Override
		public EntraCredential build(String name, Customizers customizers) {
			customize(name, customizers);
			return this.builder.build();
		}

	}

}
