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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.CredentialSettingSources.TypeSettings;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.WorkloadIdentityCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The {@link WorkloadIdentityCredential} type: configured by
 * {@code workload-identity.enabled=true} (tenant id, client id and token file then
 * default to what the AKS webhook injects) or, for the unnamed credential without any
 * property, by {@code AZURE_FEDERATED_TOKEN_FILE} with {@code AZURE_TENANT_ID} and
 * {@code AZURE_CLIENT_ID}.
 *
 * @author Entra Identity contributors
 */
final class WorkloadIdentityCredentialType implements CredentialType {

	static final WorkloadIdentityCredentialType INSTANCE = new WorkloadIdentityCredentialType();

	static final String AZURE_FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";

	private static final Pattern TOKEN_FILE_SETTING = Pattern.compile("(?<![\\w.])(tokenFilePath)(?![\\w\\[])");

	private WorkloadIdentityCredentialType() {
	}

	@Override
	public Class<WorkloadIdentityCredential> credentialClass() {
		return WorkloadIdentityCredential.class;
	}

	@Override
	public String description() {
		return "workload-identity";
	}

	@Override
	public boolean isConfigured(Binder binder, String prefix) {
		return !proofPropertiesSet(binder, prefix).isEmpty();
	}

	@Override
	public List<String> proofPropertiesSet(Binder binder, String prefix) {
		String enabled = prefix + "workload-identity.enabled";
		return binder.bind(enabled, Boolean.class).orElse(false) ? List.of(enabled) : List.of();
	}

	@Override
	public boolean isConfiguredByEnvironmentVariables(PropertyResolver environment) {
		return StringUtils.hasText(environment.getProperty(AZURE_FEDERATED_TOKEN_FILE))
				&& StringUtils.hasText(environment.getProperty(ConfiguredCredential.AZURE_TENANT_ID))
				&& StringUtils.hasText(environment.getProperty(ConfiguredCredential.AZURE_CLIENT_ID));
	}

	@Override
	public String describeConfiguration() {
		return "identity.workload-identity.enabled=true or all of AZURE_FEDERATED_TOKEN_FILE, AZURE_TENANT_ID and"
				+ " AZURE_CLIENT_ID";
	}

	@Override
	public Configured<WorkloadIdentityCredential.Builder> configure(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver environmentVariables, @Nullable SslBundles sslBundles) {
		// The credential itself falls back to the variables the webhook injects: only the
		// unnamed credential may read them
		AppRegistrationSettings registration = AppRegistrationSettings.of(prefix, properties, null,
				environmentVariables);
		WorkloadIdentityCredential.Builder builder = registration.applyIfSet(WorkloadIdentityCredential.builder(),
				properties);
		Path tokenFile = properties.getWorkloadIdentity().getTokenFile();
		if (tokenFile != null) {
			builder.tokenFilePath(tokenFile);
		}
		Map<String, String> settings = registration.settings();
		settings.put("tokenFilePath", prefix + "workload-identity.token-file");
		settings.put("tokenFilePath (from AZURE_FEDERATED_TOKEN_FILE)", AZURE_FEDERATED_TOKEN_FILE);
		// AZURE_FEDERATED_TOKEN_FILE describes the unnamed credential
		boolean tokenFileRequired = environmentVariables == null && tokenFile == null;
		return new ConfiguredWorkloadIdentityCredential(builder,
				new TypeSettings(settings, AppRegistrationSettings.INDEXED, TOKEN_FILE_SETTING,
						"WorkloadIdentityCredential.Builder %s (set by a CredentialBuilderCustomizer)"),
				tokenFileRequired);
	}

	private record ConfiguredWorkloadIdentityCredential(WorkloadIdentityCredential.Builder builder,
			TypeSettings settings,
			boolean tokenFileRequired) implements Configured<WorkloadIdentityCredential.Builder> {

		@Override
		public void validate() throws InvalidCredentialSettingsException {
			List<InvalidSetting> problems = new ArrayList<>();
			if (this.tokenFileRequired) {
				problems.add(new InvalidSetting("tokenFilePath", "must be set",
						"Set it to the projected service-account token file of the pod."));
			}
			try {
				this.builder.validate();
			}
			catch (InvalidCredentialSettingsException ex) {
				// Without the property the builder read the unnamed credential's variable
				ex.problems()
					.stream()
					.filter((problem) -> !this.tokenFileRequired || !problem.setting().startsWith("tokenFilePath"))
					.forEach(problems::add);
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
