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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * Auto-configuration that checks the whole {@code identity.*} configuration when the
 * application starts and fails startup with one report of every problem: properties that
 * do not exist (with the closest known name), every credential, the HTTP service clients
 * and the token cache shared through Redis. It runs before the other auto-configurations
 * of the starter, so that its bean is created before the beans that use the
 * configuration, each of which depends on it. Without any {@code identity.*} property or
 * {@code AZURE_CLIENT_ID} there is nothing to check, and it backs off.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = IdentityAutoConfiguration.class,
		beforeName = "io.github.entraidentity.autoconfigure.redis.RedisTokenCacheAutoConfiguration")
@ConditionalOnClass(EntraCredential.class)
@ConditionalOnBooleanProperty(name = "identity.enabled", matchIfMissing = true)
@Conditional(OnIdentityConfigurationCondition.class)
@EnableConfigurationProperties(IdentityProperties.class)
public final class IdentityConfigurationCheckAutoConfiguration {

	@Bean(IdentityConfigurationCheck.BEAN_NAME)
	IdentityConfigurationCheck identityConfigurationCheck(Environment environment, IdentityProperties properties,
			ObjectProvider<CredentialFactory> credentialFactory,
			ObjectProvider<HttpServiceProxyRegistry> httpServiceRegistry, ConfigurableListableBeanFactory beanFactory) {
		return new IdentityConfigurationCheck(environment, properties, credentialFactory, httpServiceRegistry,
				beanFactory);
	}

	// With lazy initialization too: a problem that no bean in use runs into, such as an
	// unknown property, is still reported when the application starts
	@Bean
	static LazyInitializationExcludeFilter identityConfigurationCheckLazyInitializationExcludeFilter() {
		return LazyInitializationExcludeFilter.forBeanTypes(IdentityConfigurationCheck.class);
	}

}
