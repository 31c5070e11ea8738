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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.CredentialSettingSources.TypeSettings;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The {@link ClientCertificateCredential} type: configured by a tenant id, a client id
 * and a certificate ({@code client-certificate.path}, with {@code .password} for PKCS#12,
 * or {@code client-certificate.ssl-bundle}), or for the unnamed credential by all of
 * {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and
 * {@code AZURE_CLIENT_CERTIFICATE_PATH} (with {@code AZURE_CLIENT_CERTIFICATE_PASSWORD}),
 * as azure-identity reads them. Applications customize its builder with
 * {@link CredentialBuilderCustomizer} beans.
 *
 * @author Entra Identity contributors
 */
final class ClientCertificateCredentialType implements CredentialType {

	static final ClientCertificateCredentialType INSTANCE = new ClientCertificateCredentialType();

	static final String AZURE_CLIENT_CERTIFICATE_PATH = "AZURE_CLIENT_CERTIFICATE_PATH";

	static final String AZURE_CLIENT_CERTIFICATE_PASSWORD = "AZURE_CLIENT_CERTIFICATE_PASSWORD";

	private static final Pattern CERTIFICATE_SETTING = Pattern
		.compile("(?<![\\w.])(certificatePath|certificatePassword|certificateSource)(?![\\w\\[])");

	private ClientCertificateCredentialType() {
	}

	@Override
	public Class<ClientCertificateCredential> credentialClass() {
		return ClientCertificateCredential.class;
	}

	@Override
	public String description() {
		return "client-certificate";
	}

	@Override
	public boolean isConfigured(Binder binder, String prefix) {
		return !proofPropertiesSet(binder, prefix).isEmpty();
	}

	@Override
	public List<String> proofPropertiesSet(Binder binder, String prefix) {
		List<String> set = new ArrayList<>();
		for (String name : List.of("client-certificate.path", "client-certificate.ssl-bundle")) {
			if (StringUtils.hasText(binder.bind(prefix + name, String.class).orElse(null))) {
				set.add(prefix + name);
			}
		}
		return set;
	}

	@Override
	public boolean isConfiguredByEnvironmentVariables(PropertyResolver environment) {
		return StringUtils.hasText(environment.getProperty(ConfiguredCredential.AZURE_TENANT_ID))
				&& StringUtils.hasText(environment.getProperty(ConfiguredCredential.AZURE_CLIENT_ID))
				&& StringUtils.hasText(environment.getProperty(AZURE_CLIENT_CERTIFICATE_PATH));
	}

	@Override
	public String describeConfiguration() {
		return "identity.client-certificate.path, identity.client-certificate.ssl-bundle or all of AZURE_TENANT_ID,"
				+ " AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH";
	}

	@Override
	public Configured<ClientCertificateCredential.Builder> configure(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver environmentVariables, @Nullable SslBundles sslBundles) {
		ClientCertificateProperties certificate = properties.getClientCertificate();
		boolean fromVariables = environmentVariables != null && certificate.getPath() == null
				&& certificate.getSslBundle() == null && isConfiguredByEnvironmentVariables(environmentVariables);
		AppRegistrationSettings registration = AppRegistrationSettings.of(prefix, properties,
				fromVariables ? environmentVariables : null, environmentVariables);
		ClientCertificateCredential.Builder builder = registration.apply(ClientCertificateCredential.builder())
			.sendCertificateChain(certificate.isSendChain())
			.signingAlgorithm(certificate.getSigningAlgorithm())
			.expiryWarning(certificate.getExpiryWarning());
		Map<String, String> settings = registration.settings();
		String pathProperty = prefix + "client-certificate.path";
		String passwordProperty = prefix + "client-certificate.password";
		if (fromVariables) {
			builder.certificatePath(Path.of(environmentVariables.getProperty(AZURE_CLIENT_CERTIFICATE_PATH).strip()));
			String variable = environmentVariables.getProperty(AZURE_CLIENT_CERTIFICATE_PASSWORD);
			if (variable != null) {
				builder.certificatePassword(variable);
			}
			pathProperty = AZURE_CLIENT_CERTIFICATE_PATH;
			passwordProperty = AZURE_CLIENT_CERTIFICATE_PASSWORD;
		}
		else {
			if (certificate.getPath() != null) {
				builder.certificatePath(certificate.getPath());
			}
			if (certificate.getPassword() != null) {
				builder.certificatePassword(certificate.getPassword());
			}
			if (certificate.getSslBundle() != null) {
				builder.certificateSource(new SslBundleCertificates(sslBundles, certificate.getSslBundle()));
			}
		}
		settings.put("certificatePath", pathProperty);
		settings.put("certificatePassword", passwordProperty);
		settings.put("certificateSource", prefix + "client-certificate.ssl-bundle");
		settings.put("certificate", prefix + "client-certificate.path");
		return new ConfiguredCertificateCredential(builder, new TypeSettings(settings, AppRegistrationSettings.INDEXED,
				CERTIFICATE_SETTING, "ClientCertificateCredential.Builder %s (set by a CredentialBuilderCustomizer)"));
	}

	private record ConfiguredCertificateCredential(ClientCertificateCredential.Builder builder,
			TypeSettings settings) implements Configured<ClientCertificateCredential.Builder> {

		@Override
		public void validate() throws InvalidCredentialSettingsException {
			this.builder.validate();
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
