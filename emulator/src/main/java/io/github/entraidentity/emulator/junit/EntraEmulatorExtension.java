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

package io.github.entraidentity.emulator.junit;

import io.github.entraidentity.emulator.EmulatorSettings;
import io.github.entraidentity.emulator.EntraEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that runs an {@link EntraEmulator} for a test class and hands
 * out its settings:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EntraEmulatorExtension entra = new EntraEmulatorExtension();
 *
 * &#64;Test
 * void getsToken() {
 *     ClientSecretCredential credential = ClientSecretCredential.builder()
 *         .tenantId(entra.emulator().tenantId())
 *         .clientId(entra.emulator().clientId())
 *         .clientSecret(entra.emulator().clientSecret())
 *         .authority(entra.emulator().authority())
 *         .build();
 *     ...
 * }
 * </pre>
 *
 * Registered on a {@code static} field it starts before all tests and stops after them;
 * on an instance field, or with {@code @ExtendWith}, around each test. Before each test
 * it {@link EntraEmulator#reset() resets} what a previous test scripted. Test and
 * lifecycle methods may declare an {@link EntraEmulator} parameter.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EntraEmulatorExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private final EmulatorSettings settings;

	private @Nullable EntraEmulator emulator;

	// beforeAll runs again for each @Nested class: only the outermost starts and stops
	private int classDepth;

	/**
	 * Create an extension for an emulator with {@link EmulatorSettings#defaults()}.
	 */
	public EntraEmulatorExtension() {
		this(EmulatorSettings.defaults());
	}

	/**
	 * Create an extension for an emulator with the given settings.
	 * @param settings what the emulator knows
	 */
	public EntraEmulatorExtension(EmulatorSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return the running emulator.
	 * @return the emulator
	 * @throws IllegalStateException outside a test of the class that registers it
	 */
	public EntraEmulator emulator() {
		EntraEmulator emulator = this.emulator;
		if (emulator == null) {
			throw new IllegalStateException("The Entra emulator runs only while a test of the class that registers"
					+ " EntraEmulatorExtension runs; call emulator() from a test or lifecycle method");
		}
		return emulator;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.classDepth++ == 0) {
			this.emulator = EntraEmulator.start(this.settings);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		EntraEmulator emulator = this.emulator;
		if (emulator == null) {
			this.emulator = EntraEmulator.start(this.settings);
		}
		else {
			emulator.reset();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.classDepth == 0) {
			stop();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (--this.classDepth == 0) {
			stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EntraEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator();
	}

	private void stop() {
		EntraEmulator emulator = this.emulator;
		this.emulator = null;
		if (emulator != null) {
			emulator.close();
		}
	}

}
