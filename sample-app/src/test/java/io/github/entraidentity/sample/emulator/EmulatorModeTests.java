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

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmulatorMode}.
 *
 * @author Entra Identity contributors
 */
class EmulatorModeTests {

	@Test
	void isEnabledWhenNoEntraSettingIsGiven() {
		assertThat(EmulatorMode.isEnabled(new MockEnvironment())).isTrue();
	}

	@Test
	void isDisabledWhenAzureEnvironmentVariableIsSet() {
		assertThat(EmulatorMode.isEnabled(new MockEnvironment().withProperty("AZURE_CLIENT_SECRET", "x"))).isFalse();
	}

	@Test
	void isDisabledWhenIdentityPropertyIsSet() {
		assertThat(EmulatorMode.isEnabled(new MockEnvironment().withProperty("identity.tenant-id", "contoso")))
			.isFalse();
	}

	@Test
	void ignoresBlankSettings() {
		assertThat(EmulatorMode.isEnabled(new MockEnvironment().withProperty("AZURE_TENANT_ID", " "))).isTrue();
	}

	@Test
	void explicitPropertyWinsOverDetection() {
		assertThat(EmulatorMode.isEnabled(new MockEnvironment().withProperty("identity.client-secret", "wrong")
			.withProperty("emulator.enabled", "true"))).isTrue();
		assertThat(EmulatorMode.isEnabled(new MockEnvironment().withProperty("emulator.enabled", "false"))).isFalse();
	}

}
