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

package io.github.entraidentity.autoconfigure.azure;

import com.azure.core.credential.TokenCredential;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.NamedCredentials;
import io.github.entraidentity.azure.AzureCoreTokenCredential;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one Azure SDK {@link TokenCredential} bean per named credential
 * ({@code identity.credentials.<name>.*}), {@code <name>TokenCredential}, qualified by
 * its name and backed by that credential in {@link EntraCredentials}, like the
 * {@code <name>Credential} beans. They are not default candidates: an injection point
 * without {@code @Qualifier}, and the {@code identityTokenCredential} back-off, still see
 * only the unnamed credential's {@code TokenCredential} or the application's own. A bean
 * of the same name that the application defines wins.
 *
 * @author Entra Identity contributors
 */
class NamedTokenCredentials implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	NamedTokenCredentials(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : NamedCredentials.configuredNames(this.environment)) {
			String beanName = beanName(name);
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(NamedTokenCredentials.class);
			definition.setTargetType(AzureCoreTokenCredential.class);
			definition.setFactoryMethodName("tokenCredential");
			definition.getConstructorArgumentValues()
				.addIndexedArgumentValue(0, new RuntimeBeanReference(EntraCredentials.class));
			definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
			definition.setDefaultCandidate(false);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	/**
	 * Return the bean name of a named credential's {@code TokenCredential}.
	 * @param name the credential's name
	 * @return its bean name, such as {@code partnerTokenCredential}
	 */
	static String beanName(String name) {
		return name + "TokenCredential";
	}

	/**
	 * Create the {@code TokenCredential} of a named credential: the factory method of the
	 * registered beans.
	 * @param credentials the credentials
	 * @param name the credential's name
	 * @return the {@code TokenCredential}
	 */
	static AzureCoreTokenCredential tokenCredential(EntraCredentials credentials, String name) {
		return AzureCoreTokenCredential.of(credentials.get(name));
	}

}
