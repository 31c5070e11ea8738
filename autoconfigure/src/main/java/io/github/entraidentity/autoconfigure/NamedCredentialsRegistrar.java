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

import java.util.Set;

import io.github.entraidentity.credential.ClientSecretCredential;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ClientSecretCredential} bean per
 * {@code identity.credentials.<name>} entry, qualified by its name and created by
 * {@link NamedClientSecretCredentials}. The beans are not default candidates: an
 * injection point without {@code @Qualifier} still gets the unnamed credential. Each bean
 * is closed when the context closes.
 *
 * @author Entra Identity contributors
 */
class NamedCredentials implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String PROPERTY = "identity.credentials";

	static final String HOLDER_BEAN_NAME = "namedClientSecretCredentials";

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : names(this.environment)) {
			RootBeanDefinition definition = new RootBeanDefinition();
			definition.setTargetType(ClientSecretCredential.class);
			definition.setFactoryBeanName(HOLDER_BEAN_NAME);
			definition.setFactoryMethodName("get");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.setDefaultCandidate(false);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setDestroyMethodName("close");
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(beanName(name), definition);
		}
	}

	/**
	 * Return the bean name of a named credential.
	 * @param name the credential's name
	 * @return its bean name, such as {@code partnerClientSecretCredential}
	 */
	static String beanName(String name) {
		return name + "ClientSecretCredential";
	}

	/**
	 * Return the property prefix of a named credential.
	 * @param name the credential's name
	 * @return the prefix, such as {@code identity.credentials.partner.}
	 */
	static String prefix(String name) {
		return PROPERTY + "." + name + ".";
	}

	/**
	 * Return the names of the configured named credentials.
	 * @param environment the environment
	 * @return the names, in the order configured
	 */
	static Set<String> names(Environment environment) {
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, CredentialProperties.class))
			.map((credentials) -> credentials.keySet())
			.orElse(Set.of());
	}

}
