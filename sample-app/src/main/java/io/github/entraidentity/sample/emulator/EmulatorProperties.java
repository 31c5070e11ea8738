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

import java.time.Duration;

import io.github.entraidentity.emulator.EmulatedClientAuthentication;
import io.github.entraidentity.emulator.EmulatorSettings;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample app's embedded Entra emulator, bound from {@code emulator.*}:
 * the one tenant, app registration and API it knows.
 *
 * @param port the loopback port to listen on, {@code 0} for any free port
 * @param tenantId the only tenant the emulator knows
 * @param clientId the only application (client) id the emulator knows
 * @param clientSecret the application's client secret
 * @param audience the application id URI of the demo API, the only resource tokens are
 * issued for
 * @param tokenLifetime how long issued tokens are valid
 * @param clientAuthentication how the app proves itself to the emulator: with the client
 * secret, the emulator's client certificate, or workload identity
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record EmulatorProperties(@DefaultValue("0") int port,
		@DefaultValue("6f1c1a6e-3b0d-4c5e-9a51-5e1b8f0c2d7a") String tenantId,
		@DefaultValue("0c5e3f7a-8d2b-4e61-b1a9-3c7d9e2f4a10") String clientId,
		@DefaultValue("emulator~Secret+/=&%20value") String clientSecret,
		@DefaultValue("api://entra-emulator-demo") String audience, @DefaultValue("2m") Duration tokenLifetime,
		@DefaultValue("client-secret") EmulatedClientAuthentication clientAuthentication) {

	/**
	 * Return the scope a client asks for to get a token for the demo API.
	 * @return the {@code <audience>/.default} scope
	 */
	public String scope() {
		return this.audience + "/.default";
	}

	/**
	 * Return the settings of the emulator to start: it issues tokens for the demo API
	 * only.
	 * @return the emulator settings
	 */
	public EmulatorSettings toSettings() {
		return EmulatorSettings.defaults()
			.withTenantId(this.tenantId)
			.withClientId(this.clientId)
			.withClientSecret(this.clientSecret)
			.withResources(this.audience)
			.withTokenLifetime(this.tokenLifetime)
			.withPort(this.port);
	}

	@Override
	public String toString() {
		return "EmulatorProperties[port=" + this.port + ", tenantId=" + this.tenantId + ", clientId=" + this.clientId
				+ ", clientSecret=***, audience=" + this.audience + ", tokenLifetime=" + this.tokenLifetime
				+ ", clientAuthentication=" + this.clientAuthentication + "]";
	}

}
