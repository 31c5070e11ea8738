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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * Starts the embedded Entra emulator before any bean is created and points the
 * {@code identity.*} properties at it, unless real Entra settings are given (see
 * {@link EmulatorMode}). Without the emulator the starter reads {@code identity.*} or the
 * {@code AZURE_*} environment variables itself.
 * <p>
 * The emulator's values have the lowest precedence, so a property set anywhere else (for
 * example a wrong {@code identity.client-secret} to see the error) wins.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EmulatorModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * Name of the property source with the emulator's connection settings.
	 */
	public static final String PROPERTY_SOURCE_NAME = "entraEmulator";

	/**
	 * Name under which the running {@link EmulatorServer} is registered.
	 */
	public static final String SERVER_BEAN_NAME = "entraEmulatorServer";

	private static final Log logger = LogFactory.getLog(EmulatorModeInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!EmulatorMode.isEnabled(environment)) {
			return;
		}
		EmulatorSettings settings = Binder.get(environment)
			.bindOrCreate("emulator", Bindable.of(EmulatorSettings.class));
		EmulatorServer server = EmulatorServer.start(new EntraEmulator(settings, new JwtSigner(), Clock.systemUTC()));
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
			if (event.getApplicationContext() == context) {
				server.close();
			}
		});
		context.getBeanFactory().registerSingleton(SERVER_BEAN_NAME, server);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("identity.tenant-id", settings.tenantId());
		properties.put("identity.client-id", settings.clientId());
		properties.put("identity.client-secret", settings.clientSecret());
		properties.put("identity.authority", server.baseUrl());
		properties.put("identity.health.scopes", settings.scope());
		properties.put("sample.scope", settings.scope());
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		environment.addActiveProfile(EmulatorMode.PROFILE);
		logger.info("Embedded Entra emulator listening on " + server.baseUrl() + " for tenant " + settings.tenantId()
				+ " and client " + settings.clientId() + " (set AZURE_TENANT_ID, AZURE_CLIENT_ID and"
				+ " AZURE_CLIENT_SECRET to use real Microsoft Entra ID)");
	}

}
