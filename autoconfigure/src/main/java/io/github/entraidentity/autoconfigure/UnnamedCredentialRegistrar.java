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

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the unnamed credential, {@code defaultCredential}, as a bean of the class of
 * the {@link CredentialType} configured: a {@code @Bean} method could only declare the
 * interface, and injection points of the concrete class (such as
 * {@code ClientSecretCredential}) would then not see the bean before it exists. It is
 * created by {@link CredentialFactory#createUnnamed(IdentityProperties)} and closed when
 * the context closes.
 *
 * @author Entra Identity contributors
 */
class UnnamedCredentialRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	@SuppressWarnings("NullAway.Init")
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setTargetType(CredentialType.unnamed(this.environment).credentialClass());
		definition.setFactoryBeanName(CredentialFactory.BEAN_NAME);
		definition.setFactoryMethodName("createUnnamed");
		definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		definition.setDestroyMethodName("close");
		definition.setRole(BeanDefinition.ROLE_APPLICATION);
		if (registry.containsBeanDefinition(IdentityConfigurationCheck.BEAN_NAME)) {
			// Every problem of the configuration is reported at once, before the
			// credential's own
			definition.setDependsOn(IdentityConfigurationCheck.BEAN_NAME);
		}
		registry.registerBeanDefinition(EntraCredentials.beanName(EntraCredentials.DEFAULT), definition);
	}

}
