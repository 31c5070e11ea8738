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

import java.util.Map;

import io.github.entraidentity.credential.EntraCredential;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

/**
 * Auto-configuration of {@link EntraCredentials}, the application's credentials by name,
 * that health, metrics, HTTP service clients and the Azure SDK beans iterate: the unnamed
 * one (auto-configured or the application's own single {@link EntraCredential} bean) and
 * the named ones. It runs apart from {@link IdentityAutoConfiguration}, so that an
 * application that defines its own credential without {@code spring-boot-http-client}
 * still has it.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@ConditionalOnClass(EntraCredential.class)
public final class IdentityCredentialsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnAnyCredentialCondition.class)
	EntraCredentials entraCredentials(ObjectProvider<EntraCredential> unnamed, ObjectProvider<NamedCredentials> named) {
		NamedCredentials credentials = named.getIfAvailable();
		// Named credentials are no default candidates, so only the unnamed one is unique
		return new EntraCredentials(unnamed.getIfUnique(), (credentials != null) ? credentials.asMap() : Map.of());
	}

	/**
	 * Matches when there is an unnamed credential or named ones.
	 */
	static final class OnAnyCredentialCondition extends AnyNestedCondition {

		OnAnyCredentialCondition() {
			super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnSingleCandidate(EntraCredential.class)
		static final class Unnamed {

		}

		@ConditionalOnBean(NamedCredentials.class)
		static final class Named {

		}

	}

}
