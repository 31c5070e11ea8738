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

package io.github.entraidentity.emulator.context;

import java.util.List;

import io.github.entraidentity.emulator.EmulatedClientAuthentication;
import io.github.entraidentity.emulator.EmulatorSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates the {@link EntraEmulatorContextCustomizer} for test classes annotated with
 * {@link AutoConfigureEntraEmulator}. Registered in {@code META-INF/spring.factories}.
 *
 * @author Entra Identity contributors
 */
class EntraEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureEntraEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureEntraEmulator.class);
		return (annotation != null) ? new EntraEmulatorContextCustomizer(settings(annotation),
				annotation.clientAuthentication(), annotation.managedIdentity()) : null;
	}

	private static EmulatorSettings settings(AutoConfigureEntraEmulator annotation) {
		EmulatorSettings settings = EmulatorSettings.defaults()
			.withTenantId(annotation.tenantId())
			.withClientId(annotation.clientId())
			.withClientSecret(annotation.clientSecret())
			.withResources(annotation.resources())
			.withHttps(annotation.https());
		return annotation.stsIssuer() ? settings.withStsIssuer() : settings;
	}

}
