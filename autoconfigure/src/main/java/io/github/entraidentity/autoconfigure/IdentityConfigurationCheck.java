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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.Concern;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.redis.RedisTokenStore;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * Checks the whole {@code identity.*} configuration when the application starts, before
 * any credential, HTTP service group or cache uses it, and fails startup with one report
 * of every problem: unknown properties, unresolved placeholders, the unnamed and every
 * named credential (as the application's builder customizers leave it, so that the Redis
 * token cache together with the file cache is among them), the service clients (their
 * redirects included) and the token cache shared through Redis. Each rule lives where it
 * is used ({@link CredentialFactory}, {@link NamedCredentials},
 * {@link ServiceClientTokens}, {@link ServiceClientRedirects}, the Redis
 * auto-configuration); this check asks them all, where each of them alone would stop at
 * its own problems.
 * <p>
 * Whether the configured HTTP service groups are declared needs the application's groups:
 * when there are other problems it reads them from the HTTP service registry or, when an
 * application's own group configurer needs a credential (so that the registry can only be
 * created after the credentials), from the definitions of the HTTP services; otherwise
 * {@link ServiceClientTokens} checks them once every singleton exists, where they are
 * then the only problem.
 *
 * @author Entra Identity contributors
 */
class IdentityConfigurationCheck implements InitializingBean {

	/**
	 * Name of its bean, which the beans that use the configuration depend on.
	 */
	static final String BEAN_NAME = "identityConfigurationCheck";

	private static final String REDIS_TOKEN_STORE = "io.github.entraidentity.redis.RedisTokenStore";

	private final Environment environment;

	private final IdentityProperties properties;

	private final ObjectProvider<CredentialFactory> credentialFactory;

	private final ObjectProvider<HttpServiceProxyRegistry> httpServiceRegistry;

	private final ConfigurableListableBeanFactory beanFactory;

	IdentityConfigurationCheck(Environment environment, IdentityProperties properties,
			ObjectProvider<CredentialFactory> credentialFactory,
			ObjectProvider<HttpServiceProxyRegistry> httpServiceRegistry, ConfigurableListableBeanFactory beanFactory) {
		this.environment = environment;
		this.properties = properties;
		this.credentialFactory = credentialFactory;
		this.httpServiceRegistry = httpServiceRegistry;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterPropertiesSet() {
		Set<InvalidIdentityProperty> problems = new LinkedHashSet<>(UnknownIdentityProperties.find(this.environment));
		problems.addAll(UnresolvedPlaceholders.find(this.environment));
		problems.addAll(UnreadableIdentityProperties.find(this.environment));
		boolean unnamed = createsUnnamedCredential();
		boolean named = this.beanFactory.containsBeanDefinition(NamedCredentials.BEAN_NAME);
		// Without a credential to check, the factory is not created early
		CredentialFactory factory = (unnamed || named) ? this.credentialFactory.getIfAvailable() : null;
		if (factory != null && unnamed) {
			problems.addAll(factory.problemsOfUnnamed(this.properties));
		}
		if (factory != null && named) {
			problems.addAll(NamedCredentials.problems(this.properties.getCredentials(), factory));
		}
		boolean serviceClients = this.beanFactory.containsBeanDefinition(ServiceClientTokens.BEAN_NAME);
		if (serviceClients) {
			problems.addAll(ServiceClientTokens.problems(this.properties.getServiceClients(), credentialNames()));
		}
		if (this.beanFactory.containsBeanDefinition(ServiceClientRedirects.BEAN_NAME)) {
			problems.addAll(Redirects.problems(this.beanFactory));
		}
		problems.addAll(sharedCacheProblems());
		if (problems.isEmpty()) {
			return;
		}
		if (serviceClients) {
			problems.addAll(undeclaredGroups());
		}
		throw new InvalidIdentityPropertiesException(List.copyOf(problems), null);
	}

	private boolean createsUnnamedCredential() {
		String name = EntraCredentials.beanName(EntraCredentials.DEFAULT);
		return this.beanFactory.containsBeanDefinition(name)
				&& CredentialFactory.BEAN_NAME.equals(this.beanFactory.getBeanDefinition(name).getFactoryBeanName());
	}

	// The credentials the service clients may name: the named ones and, when the
	// application will have one (auto-configured or its own), the unnamed one
	private Set<String> credentialNames() {
		Set<String> names = new LinkedHashSet<>();
		for (String name : this.beanFactory.getBeanNamesForType(EntraCredential.class, true, false)) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(name);
			if (definition.isAutowireCandidate() && !(definition instanceof AbstractBeanDefinition abstractDefinition
					&& !abstractDefinition.isDefaultCandidate())) {
				names.add(EntraCredentials.DEFAULT);
			}
		}
		if (this.beanFactory.containsBeanDefinition(NamedCredentials.BEAN_NAME)) {
			names.addAll(this.properties.getCredentials().keySet());
		}
		return names;
	}

	// The Redis token cache checks its settings when its store is created (and Spring
	// Boot binds them then), which does not need the credentials: created now, its
	// problems join the others
	private List<InvalidIdentityProperty> sharedCacheProblems() {
		if (!ClassUtils.isPresent(REDIS_TOKEN_STORE, getClass().getClassLoader())) {
			return List.of();
		}
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (String name : SharedCache.storeBeanNames(this.beanFactory)) {
			try {
				this.beanFactory.getBean(name);
			}
			catch (BeansException ex) {
				problems.addAll(problems(ex));
				// Any other failure fails startup on its own when the store is needed
			}
		}
		return problems;
	}

	private static List<InvalidIdentityProperty> problems(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidIdentityPropertiesException invalid) {
				return invalid.problems();
			}
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return List.of(new InvalidIdentityProperty(invalid.getName(),
						"(unset)".equals(invalid.getValue()) ? "is not set" : "is not valid (its value is not shown)",
						invalid.getReason(), Concern.of(invalid.getName())));
			}
			if (cause instanceof BindException unbound) {
				// Spring Boot's own report of it would show the value
				return List.of(UnreadableIdentityProperties.problem(unbound.getName().toString(),
						unbound.getTarget().getType().toClass()));
			}
		}
		return List.of();
	}

	/**
	 * The redirects of the HTTP service groups, which need the optional
	 * {@code spring-boot-http-client}.
	 */
	private static final class Redirects {

		static List<InvalidIdentityProperty> problems(ConfigurableListableBeanFactory beanFactory) {
			return beanFactory.getBean(ServiceClientRedirects.BEAN_NAME, ServiceClientRedirects.class).problems();
		}

	}

	/**
	 * The Redis token cache, an optional dependency.
	 */
	private static final class SharedCache {

		static String[] storeBeanNames(ConfigurableListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(RedisTokenStore.class, true, false);
		}

	}

	// The HTTP service registry does not need the credentials either (the service
	// clients get their tokens from their first request on), but an application's own
	// group configurer may: the groups are then read from the definitions of their HTTP
	// services, since the registry can only be created after the credentials
	private List<InvalidIdentityProperty> undeclaredGroups() {
		Set<String> declared;
		try {
			HttpServiceProxyRegistry registry = this.httpServiceRegistry.getIfAvailable();
			declared = (registry != null) ? registry.getGroupNames() : Set.of();
		}
		catch (BeansException ex) {
			declared = HttpServiceGroups.declared(this.beanFactory);
			if (declared.isEmpty()) {
				// Not known now: ServiceClientTokens reports them once the registry
				// exists
				return List.of();
			}
		}
		return ServiceClientTokens.undeclaredGroups(this.properties.getServiceClients().keySet(), declared);
	}

	/**
	 * The HTTP service groups as the definitions of their HTTP services declare them,
	 * without the registry. Spring Framework's {@code AbstractHttpServiceRegistrar} names
	 * the definition of each HTTP service {@code <group>#<interface>}; its attribute with
	 * the group name is not kept in an AOT-processed context, the name is.
	 */
	private static final class HttpServiceGroups {

		private static final String SEPARATOR = "#";

		static Set<String> declared(ConfigurableListableBeanFactory beanFactory) {
			Set<String> groups = new TreeSet<>();
			for (String name : beanFactory.getBeanDefinitionNames()) {
				String type = beanFactory.getBeanDefinition(name).getBeanClassName();
				if (type != null && name.endsWith(SEPARATOR + type) && name.length() > type.length() + 1) {
					groups.add(name.substring(0, name.length() - type.length() - 1));
				}
			}
			return groups;
		}

	}

}
