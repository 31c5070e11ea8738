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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.entraidentity.emulator.EmulatedClientAuthentication;
import io.github.entraidentity.emulator.EmulatedManagedIdentity;
import io.github.entraidentity.emulator.EmulatorSettings;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link EntraEmulator} for an application context, registers it as a bean and
 * adds its {@code identity.*} properties with the highest precedence; for a managed
 * identity, a {@link ManagedIdentityEmulator} too, whose properties are added instead.
 * Equal for equal settings, so that the test context cache shares the context and its
 * emulator.
 *
 * @author Entra Identity contributors
 */
final class EntraEmulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "entraEmulator";

	static final String MANAGED_IDENTITY_BEAN_NAME = "managedIdentityEmulator";

	static final String PROPERTY_SOURCE_NAME = "entraEmulator";

	static final String SSL_BUNDLE = "entra-emulator";

	private final EmulatorSettings settings;

	private final EmulatedClientAuthentication clientAuthentication;

	private final EmulatedManagedIdentity managedIdentity;

	EntraEmulatorContextCustomizer(EmulatorSettings settings, EmulatedClientAuthentication clientAuthentication,
			EmulatedManagedIdentity managedIdentity) {
		this.settings = settings;
		this.clientAuthentication = clientAuthentication;
		this.managedIdentity = managedIdentity;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		EntraEmulator emulator = EntraEmulator.start(this.settings);
		closeWith(context, emulator::close);
		context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.managedIdentity == EmulatedManagedIdentity.NONE) {
			// the emulator's own secret: what it accepts; scripted changes are the test's
			properties.putAll(emulator.identityProperties(this.clientAuthentication));
		}
		else {
			ManagedIdentityEmulator managedIdentityEmulator = ManagedIdentityEmulator.start();
			closeWith(context, managedIdentityEmulator::close);
			context.getBeanFactory().registerSingleton(MANAGED_IDENTITY_BEAN_NAME, managedIdentityEmulator);
			properties.putAll(managedIdentityEmulator.identityProperties(this.managedIdentity));
		}
		if (this.settings.https()) {
			String bundle = "spring.ssl.bundle.jks." + SSL_BUNDLE + ".truststore.";
			properties.put(bundle + "location", "classpath:" + EntraEmulator.TRUST_STORE_LOCATION);
			properties.put(bundle + "password", EntraEmulator.TRUST_STORE_PASSWORD);
			properties.put(bundle + "type", EntraEmulator.TRUST_STORE_TYPE);
			properties.put("identity.ssl.bundle", SSL_BUNDLE);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	private static void closeWith(ConfigurableApplicationContext context, Runnable close) {
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
			if (event.getApplicationContext() == context) {
				close.run();
			}
		});
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (this == obj) || (obj instanceof EntraEmulatorContextCustomizer other
				&& this.settings.equals(other.settings) && this.clientAuthentication == other.clientAuthentication
				&& this.managedIdentity == other.managedIdentity);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.settings, this.clientAuthentication, this.managedIdentity);
	}

}
