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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.entraidentity.autoconfigure.CredentialType.Configured;
import io.github.entraidentity.autoconfigure.CredentialType.Customizers;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.CredentialBuilder;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Builds a credential from the properties of one credential, the unnamed
 * {@code identity.*} one or a named {@code identity.credentials.<name>.*} one, the same
 * way for both and for every {@link CredentialType}: the type configured there applies
 * its own properties, this factory the shared ones. What only Boot can check (SSL bundle,
 * proxy, connector) and the credential's own {@link InvalidCredentialSettingsException},
 * its builder settings translated into the properties they came from, fail with one
 * {@link InvalidIdentityPropertiesException}.
 *
 * @author Entra Identity contributors
 */
class CredentialFactory {

	static final String BEAN_NAME = "identityCredentialFactory";

	private final Environment environment;

	private final ClientHttpConnectorBuilder<?> connectors;

	private final @Nullable ObservationRegistry observationRegistry;

	private final @Nullable ClientRequestObservationConvention observationConvention;

	private final @Nullable HttpClientSettings httpClientSettings;

	private final @Nullable SslBundles sslBundles;

	private final Customizers customizers;

	CredentialFactory(Environment environment, ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ClientRequestObservationConvention> observationConvention,
			ObjectProvider<ClientSecretCredentialBuilderCustomizer> customizers,
			ObjectProvider<CredentialBuilderCustomizer> sharedCustomizers) {
		this.environment = environment;
		this.connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		this.observationRegistry = observationRegistry.getIfAvailable();
		this.observationConvention = observationConvention.getIfAvailable();
		this.httpClientSettings = httpClientSettings.getIfAvailable();
		this.sslBundles = sslBundles.getIfAvailable();
		this.customizers = new Customizers(customizers, sharedCustomizers);
	}

	/**
	 * Create the unnamed credential, from {@code identity.*} or the {@code AZURE_*}
	 * environment variables.
	 * @param properties the bound properties
	 * @return the credential
	 * @throws InvalidIdentityPropertiesException if a property is invalid
	 */
	EntraCredential createUnnamed(IdentityProperties properties) {
		return create(EntraCredentials.DEFAULT, CredentialType.unnamed(this.environment), CredentialType.UNNAMED_PREFIX,
				properties, this.environment);
	}

	/**
	 * Create a named credential from {@code identity.credentials.<name>.*}.
	 * @param name the credential's name
	 * @param properties the credential's bound properties
	 * @return the credential
	 * @throws InvalidIdentityPropertiesException if a property is invalid
	 */
	EntraCredential create(String name, CredentialProperties properties) {
		// The AZURE_* environment variables describe one credential, the unnamed one
		String prefix = NamedCredentials.prefix(name);
		return create(name, CredentialType.named(Binder.get(this.environment), prefix), prefix, properties, null);
	}

	/**
	 * Return the problems of the unnamed credential's properties (or {@code AZURE_*}
	 * environment variables), without creating it: those of its settings as the
	 * application's builder customizers leave them, such as the Redis token cache's
	 * shared store together with the file cache.
	 * @param properties the bound properties
	 * @return the problems, empty when it can be created
	 */
	List<InvalidIdentityProperty> problemsOfUnnamed(IdentityProperties properties) {
		return prepare(CredentialType.unnamed(this.environment), CredentialType.UNNAMED_PREFIX, properties,
				this.environment, EntraCredentials.DEFAULT)
			.problems();
	}

	/**
	 * Return the problems of a named credential's properties, without creating it: those
	 * of its settings as the application's builder customizers leave them.
	 * @param name the credential's name
	 * @param properties the credential's bound properties
	 * @return the problems, empty when it can be created
	 */
	List<InvalidIdentityProperty> problemsOf(String name, CredentialProperties properties) {
		String prefix = NamedCredentials.prefix(name);
		return prepare(CredentialType.named(Binder.get(this.environment), prefix), prefix, properties, null, name)
			.problems();
	}

	private EntraCredential create(String name, CredentialType type, String prefix, CredentialProperties properties,
			@Nullable Environment environmentVariables) {
		// The customizers are applied when it is built, after its token client is set
		Prepared prepared = prepare(type, prefix, properties, environmentVariables, null);
		if (!prepared.problems().isEmpty()) {
			throw new InvalidIdentityPropertiesException(prepared.problems(), prepared.report());
		}
		// Built on the first token request: see DeferredTokenWebClient
		DeferredTokenWebClient tokenClient = new TokenWebClientFactory(this.connectors, this.httpClientSettings,
				this.sslBundles, this.observationRegistry, this.observationConvention)
			.createOnFirstUse(properties, prepared.connectTimeout());
		prepared.credential().builder().webClient(tokenClient, tokenClient);
		try {
			return prepared.credential().build(name, this.customizers);
		}
		catch (InvalidCredentialSettingsException ex) {
			// A customizer made the settings invalid: still one report, by property.
			throw new InvalidIdentityPropertiesException(prepared.sources().translate(ex), ex);
		}
	}

	// Configures the credential's builder from its properties and checks it: what only
	// Boot can check and the credential's own report, by property. Named customizedAs,
	// the builder is checked as the application's customizers leave it, so that the
	// problems they bring (the Redis token cache's shared store together with the file
	// cache) are known before the credential is built.
	private Prepared prepare(CredentialType type, String prefix, CredentialProperties properties,
			@Nullable Environment environmentVariables, @Nullable String customizedAs) {
		// Checked first: a property still holding its placeholder is the cause of any
		// other problem reported for it, such as a tenant id with invalid characters.
		List<InvalidIdentityProperty> unresolved = UnresolvedPlaceholders.find(this.environment);
		List<InvalidIdentityProperty> problems = new ArrayList<>(
				new IdentityPropertiesValidator(this.sslBundles, this.connectors).validate(properties, prefix));
		problems.addAll(CredentialType.proofConflicts(Binder.get(this.environment), prefix));
		Configured<?> credential = type.configure(prefix, properties, environmentVariables, this.sslBundles);
		CredentialSettingSources sources = new CredentialSettingSources(prefix,
				this.environment.getProperty(CredentialSettingSources.REDIS_ENABLED, Boolean.class, false),
				credential.settings());
		CredentialBuilder<?> builder = credential.builder()
			.environment(this.environment::getProperty)
			.maxRetries(properties.getHttp().getMaxRetries())
			.maxCacheEntries(properties.getCache().getMaxEntries())
			.maxResponseBytes(TokenWebClientFactory.MAX_RESPONSE_BYTES);
		Duration connectTimeout = connectTimeout(type, prefix, properties.getHttp());
		configureTimeouts(builder, properties.getHttp());
		if (connectTimeout != null) {
			builder.connectTimeout(connectTimeout);
		}
		InvalidCredentialSettingsException report = null;
		CredentialProperties.Persistence persistence = properties.getCache().getPersistence();
		if (persistence.isEnabled()) {
			try {
				TokenCachePersistenceOptions options = persistenceOptions(persistence);
				if (options != null) {
					builder.cachePersistenceOptions(options);
				}
			}
			catch (InvalidCredentialSettingsException ex) {
				report = ex;
			}
		}
		if (customizedAs != null) {
			customize(credential, customizedAs);
		}
		try {
			credential.validate();
		}
		catch (InvalidCredentialSettingsException ex) {
			report = merge(report, ex);
		}
		if (report == null && problems.isEmpty() && unresolved.isEmpty()) {
			return new Prepared(credential, sources, connectTimeout, List.of(), null);
		}
		List<InvalidIdentityProperty> all = new ArrayList<>();
		if (report != null) {
			all.addAll(sources.translate(report));
		}
		all.addAll(problems);
		return new Prepared(credential, sources, connectTimeout, withoutUnresolved(all, unresolved), report);
	}

	private void customize(Configured<?> credential, String name) {
		try {
			credential.customize(name, this.customizers);
		}
		catch (RuntimeException ex) {
			// A customizer that cannot be created or fails fails the credential's
			// creation by itself, after the report of the configuration; the Redis token
			// cache's, whose store has invalid settings, is in that report
		}
	}

	private @Nullable Duration connectTimeout(CredentialType type, String prefix, CredentialProperties.Http http) {
		Duration typeDefault = type.defaultConnectTimeout();
		// A value that cannot be read is in the configuration check's report
		boolean set = Binder.get(this.environment)
			.bind(prefix + "http.connect-timeout", Bindable.of(Duration.class), new IgnoreErrorsBindHandler())
			.isBound();
		return (typeDefault != null && !set) ? typeDefault : http.getConnectTimeout();
	}

	private static void configureTimeouts(CredentialBuilder<?> builder, CredentialProperties.Http http) {
		// An empty property binds to null: the credential's default then applies.
		if (http.getConnectTimeout() != null) {
			builder.connectTimeout(http.getConnectTimeout());
		}
		if (http.getResponseTimeout() != null) {
			builder.responseTimeout(http.getResponseTimeout());
		}
	}

	private static InvalidCredentialSettingsException merge(@Nullable InvalidCredentialSettingsException first,
			InvalidCredentialSettingsException second) {
		if (first == null) {
			return second;
		}
		List<InvalidSetting> problems = new ArrayList<>(second.problems());
		problems.addAll(first.problems());
		return new InvalidCredentialSettingsException(problems);
	}

	private static @Nullable TokenCachePersistenceOptions persistenceOptions(
			CredentialProperties.Persistence persistence) {
		TokenCachePersistenceOptions.Builder options = TokenCachePersistenceOptions.builder()
			.name(persistence.getName())
			.allowUnencryptedStorage(persistence.isAllowUnencryptedStorage());
		if (persistence.getDirectory() != null) {
			options.directory(persistence.getDirectory());
		}
		String key = persistence.getKey();
		if (key != null && IdentityPropertiesValidator.isBase64(key)) {
			options.encryptionKey(IdentityPropertiesValidator.decodeKey(key));
		}
		if (persistence.getKeyFile() != null) {
			options.encryptionKeyFile(persistence.getKeyFile());
		}
		TokenCachePersistenceOptions built = options.build();
		// A key that is not base64 is already reported; without it the credential would
		// also report a missing key.
		return (key == null || IdentityPropertiesValidator.isBase64(key)) ? built : null;
	}

	/**
	 * A credential's builder, configured from its properties and checked.
	 *
	 * @param credential the builder and how its settings map onto properties
	 * @param sources which property each builder setting came from
	 * @param connectTimeout the connect timeout of its token client, or {@code null} for
	 * the default
	 * @param problems the problems found, by property, empty when it can be built
	 * @param report the credential's own report, if it found problems
	 */
	private record Prepared(Configured<?> credential, CredentialSettingSources sources,
			@Nullable Duration connectTimeout, List<InvalidIdentityProperty> problems,
			@Nullable InvalidCredentialSettingsException report) {

	}

	private static List<InvalidIdentityProperty> withoutUnresolved(List<InvalidIdentityProperty> problems,
			List<InvalidIdentityProperty> unresolved) {
		Set<String> names = unresolved.stream().map(InvalidIdentityProperty::name).collect(Collectors.toSet());
		List<InvalidIdentityProperty> all = new ArrayList<>(unresolved);
		problems.stream().filter((problem) -> !names.contains(problem.name())).forEach(all::add);
		return all;
	}

}
