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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Workload identity properties of a credential that exchanges a Kubernetes
 * service-account token for Entra tokens ({@code identity.workload-identity.*} and
 * {@code identity.credentials.<name>.workload-identity.*}).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class WorkloadIdentityProperties {

	/**
	 * Whether the credential uses workload identity: the federated token file with the
	 * tenant and client id the AKS webhook injects (AZURE_FEDERATED_TOKEN_FILE,
	 * AZURE_TENANT_ID, AZURE_CLIENT_ID) unless set here. The unnamed credential uses it
	 * without this property when AZURE_FEDERATED_TOKEN_FILE is set and no other
	 * credential property is. Exclusive with client secrets and certificates.
	 */
	private boolean enabled;

	/**
	 * Federated token file, the projected service-account token. Defaults to
	 * AZURE_FEDERATED_TOKEN_FILE.
	 */
	private @Nullable Path tokenFile;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Path getTokenFile() {
		return this.tokenFile;
	}

	public void setTokenFile(@Nullable Path tokenFile) {
		this.tokenFile = tokenFile;
	}

}
