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

import io.github.entraidentity.credential.EntraCredential;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link EntraCredential} bean per {@code identity.credentials.<name>}
 * entry, {@code <name>Credential}, qualified by its name and created by
 * {@link NamedCredentials}. The beans are not default candidates: an injection point
 * without {@code @Qualifier} still gets the unnamed credential. Each bean is closed when
 * the context closes.
 *
 * @author Entra Identity contributors
 */
class NamedCredentialsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		for (String name : NamedCredentials.configuredNames(this.environment)) {
			RootBeanDefinition definition = new RootBeanDefinition();
			// The class of the type configured, so that injection points of that class
			// (such as ClientSecretCredential) see the bean before it exists
			definition.setTargetType(CredentialType.named(binder, NamedCredentials.prefix(name)).credentialClass());
			definition.setFactoryBeanName(NamedCredentials.BEAN_NAME);
			definition.setFactoryMethodName("get");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.setDefaultCandidate(false);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setDestroyMethodName("close");
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(EntraCredentials.beanName(name), definition);
		}
	}

}
