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

import org.jspecify.annotations.Nullable;

/**
 * Managed identity properties of a credential whose tokens come from the Azure platform's
 * managed identity endpoint ({@code identity.managed-identity.*} and
 * {@code identity.credentials.<name>.managed-identity.*}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class ManagedIdentityProperties {

	/**
	 * Whether the credential uses the managed identity of the Azure resource the app runs
	 * on: the App Service endpoint (App Service, Functions, Container Apps) or IMDS (VMs,
	 * scale sets, AKS node identities), detected from the environment. System-assigned
	 * unless a user-assigned identity is named by client id, object id or resource id.
	 * Exclusive with client secrets, certificates and workload identity.
	 */
	private boolean enabled;

	/**
	 * Client id of the user-assigned managed identity to use. At most one of client id,
	 * object id and resource id.
	 */
	private @Nullable String clientId;

	/**
	 * Object (principal) id of the user-assigned managed identity to use. At most one of
	 * client id, object id and resource id.
	 */
	private @Nullable String objectId;

	/**
	 * Azure resource id of the user-assigned managed identity to use, such as
	 * /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}.
	 * At most one of client id, object id and resource id.
	 */
	private @Nullable String resourceId;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getObjectId() {
		return this.objectId;
	}

	public void setObjectId(@Nullable String objectId) {
		this.objectId = objectId;
	}

	public @Nullable String getResourceId() {
		return this.resourceId;
	}

	public void setResourceId(@Nullable String resourceId) {
		this.resourceId = resourceId;
	}

}
