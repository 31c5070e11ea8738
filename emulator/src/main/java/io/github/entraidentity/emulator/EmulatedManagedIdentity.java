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

package io.github.entraidentity.emulator;

/**
 * Whether the test's application authenticates as an Azure managed identity, and which
 * endpoint a {@link ManagedIdentityEmulator} then stands in for.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public enum EmulatedManagedIdentity {

	/**
	 * No managed identity: the application is an app registration of the Entra emulator.
	 */
	NONE,

	/**
	 * The App Service endpoint of App Service, Functions and Container Apps:
	 * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}.
	 */
	APP_SERVICE,

	/**
	 * IMDS of VMs, scale sets and AKS node identities, moved to the emulator by
	 * {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}.
	 */
	IMDS

}
