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
import java.util.List;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.CredentialBuilder;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * What the Boot side knows about one type of credential, the one place it is told: which
 * properties configure it, how they map onto its builder and which property each builder
 * setting came from. Everything else (the unnamed credential's condition, named
 * credentials, the shared settings, startup failure reports) is the same for every type
 * and asks this description.
 *
 * @author Entra Identity contributors
 * @see ClientSecretCredentialType
 */
interface CredentialType {

	/**
	 * Property prefix of the unnamed credential.
	 */
	String UNNAMED_PREFIX = "identity.";

	/**
	 * Return a short description for condition reports, such as {@code client-secret}.
	 * @return the description
	 */
	String description();

	/**
	 * Return the class of the credentials of this type, the type of their beans.
	 * @return the credential class
	 */
	Class<? extends EntraCredential> credentialClass();

	/**
	 * Return whether properties of this type are set under the given prefix. Reads single
	 * properties, so that an invalid value elsewhere fails startup later with its report
	 * rather than here.
	 * @param binder the binder of the environment
	 * @param prefix the property prefix, {@code identity.} or
	 * {@code identity.credentials.<name>.}
	 * @return whether this type is configured there
	 */
	boolean isConfigured(Binder binder, String prefix);

	/**
	 * Return the connect timeout of this type's credentials when
	 * {@code http.connect-timeout} is not set.
	 * @return the timeout, or {@code null} for the property's default
	 */
	default @Nullable Duration defaultConnectTimeout() {
		return null;
	}

	/**
	 * Return whether the Azure SDK's {@code AZURE_*} environment variables configure this
	 * type completely; only the unnamed credential falls back to them.
	 * @param environment the environment holding the variables
	 * @return whether the variables configure this type
	 */
	boolean isConfiguredByEnvironmentVariables(PropertyResolver environment);

	/**
	 * Describe what configures this type, for condition reports.
	 * @return the properties and environment variables, in prose
	 */
	String describeConfiguration();

	/**
	 * Create a builder of this type with the type's own properties applied: its identity
	 * and its proof. The shared settings (HTTP, retries, cache) are the caller's.
	 * @param prefix the property prefix
	 * @param properties the credential's bound properties
	 * @param environmentVariables where the unnamed credential's {@code AZURE_*} fallback
	 * is read, {@code null} for a named credential
	 * @param sslBundles the application's SSL bundles, or {@code null}
	 * @return the builder and how its settings map onto properties
	 */
	Configured<?> configure(String prefix, CredentialProperties properties,
			@Nullable PropertyResolver environmentVariables, @Nullable SslBundles sslBundles);

	/**
	 * Return the properties of this type's proof that are set under the given prefix, for
	 * the report when a credential has two proofs.
	 * @param binder the binder of the environment
	 * @param prefix the property prefix
	 * @return the proof properties set, with their prefix
	 */
	List<String> proofPropertiesSet(Binder binder, String prefix);

	/**
	 * Return every credential type, in the order they are asked whether they are
	 * configured; the first one is used when properties configure none of them, so that
	 * its report names what is missing.
	 * @return the credential types
	 */
	static List<CredentialType> all() {
		// A method, not a constant of this interface: initializing the interface would
		// then initialize the types, and a type initialized first (which initializes this
		// interface, as it has default methods) would find its own instance still null.
		return List.of(ClientCertificateCredentialType.INSTANCE, WorkloadIdentityCredentialType.INSTANCE,
				ManagedIdentityCredentialType.INSTANCE, ClientSecretCredentialType.INSTANCE);
	}

	/**
	 * Return the problem of a credential whose properties configure more than one proof:
	 * each proof property after the first, named with what it is set together with.
	 * @param binder the binder of the environment
	 * @param prefix the property prefix
	 * @return the problems, empty when at most one proof is configured
	 */
	static List<InvalidIdentityProperty> proofConflicts(Binder binder, String prefix) {
		List<String> types = new java.util.ArrayList<>();
		for (CredentialType type : all()) {
			List<String> set = type.proofPropertiesSet(binder, prefix);
			if (!set.isEmpty()) {
				types.add(set.get(0));
			}
		}
		return types.stream()
			.skip(1)
			.map((property) -> new InvalidIdentityProperty(property, "is set together with " + types.get(0),
					"Configure exactly one way for the credential to prove its identity: a client secret, a"
							+ " certificate, workload identity or a managed identity. Remove the others."))
			.toList();
	}

	/**
	 * Return the type of a named credential.
	 * @param binder the binder of the environment
	 * @param prefix the credential's property prefix
	 * @return the first type configured there, or the first type when none is
	 */
	static CredentialType named(Binder binder, String prefix) {
		List<CredentialType> all = all();
		return all.stream().filter((type) -> type.isConfigured(binder, prefix)).findFirst().orElse(all.get(0));
	}

	/**
	 * Return the type of the unnamed credential: configured by {@code identity.*}
	 * properties or, when none is set, by {@code AZURE_*} environment variables.
	 * @param environment the environment
	 * @return the first type configured, or the first type when none is
	 */
	static CredentialType unnamed(Environment environment) {
		CredentialType configured = configuredUnnamed(environment);
		return (configured != null) ? configured : all().get(0);
	}

	/**
	 * Return the type that configures the unnamed credential, if any does.
	 * @param environment the environment
	 * @return the first type whose {@code identity.*} properties are set or, when none
	 * is, whose {@code AZURE_*} environment variables are set; {@code null} when none is
	 */
	static @Nullable CredentialType configuredUnnamed(Environment environment) {
		// Without any identity.* property (the AZURE_* variables alone), no type's
		// properties need binding
		if (IdentityPropertySources.mayBeSetUnder(environment, ConfigurationPropertyName.of("identity"))) {
			Binder binder = Binder.get(environment);
			for (CredentialType type : all()) {
				if (type.isConfigured(binder, UNNAMED_PREFIX)) {
					return type;
				}
			}
		}
		for (CredentialType type : all()) {
			if (type.isConfiguredByEnvironmentVariables(environment)) {
				return type;
			}
		}
		return null;
	}

	/**
	 * A builder of one credential type, configured from properties, and the operations
	 * that differ between types: checking, customizing and building.
	 *
	 * @param <B> the builder type
	 */
	interface Configured<B extends CredentialBuilder<B>> {

		/**
		 * Return the builder, for the settings every type shares.
		 * @return the builder
		 */
		B builder();

		/**
		 * Return which property each of the type's own builder settings came from.
		 * @return the type's settings
		 */
		CredentialSettingSources.TypeSettings settings();

		/**
		 * Check the builder's settings.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		void validate();

		/**
		 * Apply the application's customizers of this type to the builder.
		 * @param name the credential's name, {@link EntraCredentials#DEFAULT} for the
		 * unnamed one
		 * @param customizers the application's customizers
		 */
		void customize(String name, Customizers customizers);

		/**
		 * Apply the application's customizers of this type and build the credential.
		 * @param name the credential's name, {@link EntraCredentials#DEFAULT} for the
		 * unnamed one
		 * @param customizers the application's customizers
		 * @return the credential
		 * @throws InvalidCredentialSettingsException if a customizer made the settings
		 * invalid
		 */
		EntraCredential build(String name, Customizers customizers);

	}

	/**
	 * The application's builder customizers, one provider per type that has its own.
	 *
	 * @param clientSecret the customizers of client-secret credentials, those of every
	 * credential included ({@link CredentialBuilderCustomizer} is one)
	 * @param shared the customizers of every credential
	 */
	record Customizers(ObjectProvider<ClientSecretCredentialBuilderCustomizer> clientSecret,
			ObjectProvider<CredentialBuilderCustomizer> shared) {

		/**
		 * Apply the customizers of every credential to a builder of a type without
		 * customizers of its own.
		 * @param name the credential's name
		 * @param builder the builder
		 */
		void applyShared(String name, CredentialBuilder<?> builder) {
			this.shared.orderedStream().forEach((customizer) -> customizer.customize(name, builder));
		}

	}

}
