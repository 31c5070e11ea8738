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

package io.github.entraidentity.credential.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.entraidentity.credential.ClientAuthenticationException;
import org.jspecify.annotations.Nullable;

/**
 * Decides which tenant a request goes to. Entra treats tenant ids case-insensitively, so
 * comparisons here do too.
 *
 * @author Entra Identity contributors
 */
public final class TenantResolver {

	public static final String ANY_TENANT = "*";

	private final String tenantId;

	private final Set<String> additionallyAllowed;

	private final boolean anyTenant;

	private final boolean multiTenantDisabled;

	public TenantResolver(String tenantId, Collection<String> additionallyAllowedTenants, boolean multiTenantDisabled) {
		this.tenantId = tenantId;
		this.anyTenant = additionallyAllowedTenants.contains(ANY_TENANT);
		this.additionallyAllowed = additionallyAllowedTenants.stream()
			.filter((tenant) -> !ANY_TENANT.equals(tenant))
			.map((tenant) -> TenantIds.validate(tenant, "additionally allowed tenants").toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.multiTenantDisabled = multiTenantDisabled;
	}

	String configuredTenant() {
		return this.tenantId;
	}

	/**
	 * Resolve the tenant for a request.
	 * @param requested the tenant the caller asked for, or {@code null}
	 * @return the tenant to use
	 * @throws IllegalArgumentException if the requested tenant is malformed
	 * @throws ClientAuthenticationException if the tenant is not allowed
	 */
	String resolve(@Nullable String requested) {
		if (requested == null || requested.equalsIgnoreCase(this.tenantId)) {
			return this.tenantId;
		}
		TenantIds.validate(requested, "the request's tenantId");
		if (this.multiTenantDisabled) {
			throw new ClientAuthenticationException("Multi-tenant authentication is disabled by the environment"
					+ " variable AZURE_IDENTITY_DISABLE_MULTITENANTAUTH, so a token for tenant " + requested
					+ " cannot be acquired; the credential only serves tenant " + this.tenantId
					+ ". Unset the variable to allow additionally allowed tenants.");
		}
		if ("adfs".equalsIgnoreCase(this.tenantId)) {
			throw new ClientAuthenticationException("The credential is configured with the 'adfs' tenant, which"
					+ " cannot be replaced by tenant " + requested + " in a request.");
		}
		if (this.anyTenant || this.additionallyAllowed.contains(requested.toLowerCase(Locale.ROOT))) {
			return requested;
		}
		throw new ClientAuthenticationException("The current credential is not configured to acquire tokens for tenant "
				+ requested + ". To enable acquiring tokens for this tenant add it to the additionally allowed tenants"
				+ " (additionallyAllowedTenants on the builder, or the identity.additionally-allowed-tenants property),"
				+ " or add \"*\" to allow acquiring tokens for any tenant.");
	}

}
