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

package io.github.entraidentity.sample.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.entraidentity.emulator.EntraEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded Entra emulator (of {@code entra-identity-test}) before any bean is
 * created and points the {@code identity.*} properties at it, unless real Entra settings
 * are given (see {@link EmulatorMode}). Without the emulator the starter reads
 * {@code identity.*} or the {@code AZURE_*} environment variables itself.
 * <p>
 * The emulator's values have the lowest precedence, so a property set anywhere else (for
 * example a wrong {@code identity.client-secret} to see the error) wins. In a test with
 * {@code @AutoConfigureEntraEmulator} the test's emulator is already running: the app
 * uses that one and serves its demo API with it.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EmulatorModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * Name of the property source with the emulator's connection settings and the demo
	 * API's scope.
	 */
	public static final String PROPERTY_SOURCE_NAME = "sampleEmulator";

	/**
	 * Name under which the running {@link EntraEmulator} is registered, the name
	 * {@code @AutoConfigureEntraEmulator} uses too.
	 */
	public static final String EMULATOR_BEAN_NAME = "entraEmulator";

	/**
	 * Name under which the {@link EmulatorProperties} are registered.
	 */
	public static final String PROPERTIES_BEAN_NAME = "emulatorProperties";

	private static final Log logger = LogFactory.getLog(EmulatorModeInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		EmulatorProperties emulatorProperties = Binder.get(environment)
			.bindOrCreate("emulator", Bindable.of(EmulatorProperties.class));
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!context.getBeanFactory().containsSingleton(EMULATOR_BEAN_NAME)) {
			if (!EmulatorMode.isEnabled(environment)) {
				return;
			}
			EntraEmulator emulator = EntraEmulator.start(emulatorProperties.toSettings());
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					emulator.close();
				}
			});
			context.getBeanFactory().registerSingleton(EMULATOR_BEAN_NAME, emulator);
			properties.putAll(emulator.identityProperties(emulatorProperties.clientAuthentication()));
			// The emulator logs where it listens; this says why it runs and how not to
			logger.info("Using the embedded Entra emulator (set AZURE_TENANT_ID, AZURE_CLIENT_ID and"
					+ " AZURE_CLIENT_SECRET to use real Microsoft Entra ID)");
		}
		context.getBeanFactory().registerSingleton(PROPERTIES_BEAN_NAME, emulatorProperties);
		properties.put("identity.health.scopes", emulatorProperties.scope());
		properties.put("sample.scope", emulatorProperties.scope());
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		environment.addActiveProfile(EmulatorMode.PROFILE);
	}

}
