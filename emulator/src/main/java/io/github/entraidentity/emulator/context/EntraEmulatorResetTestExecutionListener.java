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

import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link EntraEmulator} of {@link AutoConfigureEntraEmulator}, and its
 * {@link ManagedIdentityEmulator} if there is one, after each test method, so that what
 * one test scripted does not leak into the next test that shares the cached context.
 * Registered in {@code META-INF/spring.factories}.
 *
 * @author Entra Identity contributors
 */
class EntraEmulatorResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(EntraEmulatorContextCustomizer.BEAN_NAME)
				&& context.getBean(EntraEmulatorContextCustomizer.BEAN_NAME) instanceof EntraEmulator emulator) {
			emulator.reset();
		}
		if (context.containsBean(EntraEmulatorContextCustomizer.MANAGED_IDENTITY_BEAN_NAME) && context.getBean(
				EntraEmulatorContextCustomizer.MANAGED_IDENTITY_BEAN_NAME) instanceof ManagedIdentityEmulator emulator) {
			emulator.reset();
		}
	}

}
