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

import io.github.entraidentity.credential.AzureAuthorityHosts;

/**
 * Property values of complete credentials for context runners: the unnamed one and two
 * named ones in tenants of their own. None of them reaches a token endpoint.
 *
 * @author Entra Identity contributors
 */
public final class CredentialPropertyValues {

	/**
	 * Client secret of the {@code partner} credential, to search for in output.
	 */
	public static final String PARTNER_SECRET = "partner-secret-never-printed";

	private CredentialPropertyValues() {
	}

	/**
	 * Return the unnamed credential, {@code identity.*}, in {@code tenant-1}.
	 * @return the property values
	 */
	public static String[] unnamed() {
		return new String[] { "identity.tenant-id=tenant-1", "identity.client-id=client-1",
				"identity.client-secret=secret-1" };
	}

	/**
	 * Return the named credential {@code partner} in {@code partner-tenant}.
	 * @return the property values
	 */
	public static String[] partner() {
		return new String[] { "identity.credentials.partner.tenant-id=partner-tenant",
				"identity.credentials.partner.client-id=partner-client",
				"identity.credentials.partner.client-secret=" + PARTNER_SECRET };
	}

	/**
	 * Return the named credential {@code sovereign} in {@code gov-tenant}, on the Azure
	 * US Government cloud.
	 * @return the property values
	 */
	public static String[] sovereign() {
		return new String[] { "identity.credentials.sovereign.tenant-id=gov-tenant",
				"identity.credentials.sovereign.client-id=gov-client",
				"identity.credentials.sovereign.client-secret=gov-secret",
				"identity.credentials.sovereign.authority=" + AzureAuthorityHosts.AZURE_GOVERNMENT };
	}

}
