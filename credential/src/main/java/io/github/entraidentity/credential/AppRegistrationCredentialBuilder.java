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
package io.github.entraidentity.credential;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.Authority;
import io.github.entraidentity.credential.internal.ClientAuthentication;
import io.github.entraidentity.credential.internal.CredentialIdentity;
import io.github.entraidentity.credential.internal.SettingRules;
import io.github.entraidentity.credential.internal.TenantIds;
import io.github.entraidentity.credential.internal.TenantResolver;
import io.github.entraidentity.credential.internal.TokenEndpointClient;
import io.github.entraidentity.credential.internal.TokenPipeline;
import org.jspecify.annotations.Nullable;

/**
 * The settings of every credential that acts as an app registration (a service
 * principal): its tenant, its client id, the authority and the other tenants it may act
 * in. A concrete builder adds only how the client proves itself, such as
 * {@link ClientSecretCredential.Builder} a client secret.
 *
 * @param <B> the concrete builder
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public abstract class AppRegistrationCredentialBuilder<B extends AppRegistrationCredentialBuilder<B>>
		extends CredentialBuilder<B> {

	private @Nullable String tenantId;

	private @Nullable String clientId;

	private @Nullable String authority;

	private List<String> additionallyAllowedTenants = List.of();

	// Package-private: the credential types of this library are the only subclasses
	AppRegistrationCredentialBuilder() {
	}

	/**
	 * Set the tenant (directory) id.
	 * @param tenantId the tenant id
	 * @return this builder
	 */
	public B tenantId(String tenantId) {
		this.tenantId = tenantId;
		return self();
	}

	/**
	 * Set the application (client) id.
	 * @param clientId the client id
	 * @return this builder
	 */
	public B clientId(String clientId) {
		this.clientId = clientId;
		return self();
	}

	/**
	 * Set the authority, such as {@link AzureAuthorityHosts#AZURE_CHINA}; a host without
	 * scheme gets {@code https://}. Defaults to {@code AZURE_AUTHORITY_HOST} or the
	 * public cloud.
	 * @param authority the authority
	 * @return this builder
	 */
	public B authority(String authority) {
		this.authority = authority;
		return self();
	}

	/**
	 * Set tenants, besides the configured one, that requests may ask for; {@code "*"}
	 * allows any tenant.
	 * @param tenants the tenants
	 * @return this builder
	 */
	public B additionallyAllowedTenants(Collection<String> tenants) {
		Objects.requireNonNull(tenants, "additionallyAllowedTenants must not be null");
		this.additionallyAllowedTenants = tenants.stream()
			.map((tenant) -> Objects.requireNonNull(tenant, "additionallyAllowedTenants must not contain null").strip())
			.toList();
		return self();
	}

	/**
	 * Return whether the tenant id was set, for builders that fall back to the
	 * environment.
	 * @return whether it was set
	 */
	boolean hasTenantId() {
		return this.tenantId != null;
	}

	/**
	 * Return whether the client id was set, for builders that fall back to the
	 * environment.
	 * @return whether it was set
	 */
	boolean hasClientId() {
		return this.clientId != null;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * The one place where an app registration credential's settings are checked: its
	 * identity, then its proof, then the shared settings, all into one report.
	 * @param <P> the checked proof
	 * @param proof checks the concrete builder's proof settings into the given list and
	 * returns them normalized, or {@code null} when there is a problem
	 * @return the normalized identity and proof
	 * @throws InvalidCredentialSettingsException with every problem found
	 */
	final <P> Checked<P> check(Function<List<InvalidSetting>, @Nullable P> proof) {
		List<InvalidSetting> problems = new ArrayList<>();
		String tenant = checkTenant(problems);
		String client = SettingRules.requireText(this.clientId, "clientId",
				"Set it to the application (client) id of the app registration.", problems);
		P checkedProof = proof.apply(problems);
		Authority parsedAuthority = checkAuthority(problems);
		checkAllowedTenants(problems);
		checkShared(problems);
		if (!problems.isEmpty() || tenant == null || client == null || checkedProof == null
				|| parsedAuthority == null) {
			throw new InvalidCredentialSettingsException(problems);
		}
		TenantResolver tenants = new TenantResolver(tenant, this.additionallyAllowedTenants,
				isTrue(environmentVariable("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH")));
		return new Checked<>(new CredentialIdentity(tenant, client, parsedAuthority, tenants), checkedProof);
	}

	/**
	 * Build the pipeline of a checked app registration credential: tokens come from
	 * Entra's token endpoint, where the client proves itself with the given
	 * authentication.
	 * @param identity the checked identity
	 * @param authentication how the client proves itself
	 * @return the pipeline
	 */
	final TokenPipeline pipeline(CredentialIdentity identity, ClientAuthentication authentication) {
		return new TokenPipeline(pipelineSettings(identity), TokenEndpointClient.authenticatingWith(authentication));
	}

	private @Nullable String checkTenant(List<InvalidSetting> problems) {
		String tenant = SettingRules.requireText(this.tenantId, "tenantId", TenantIds.ACTION, problems);
		if (tenant != null) {
			String problem = TenantIds.problem(tenant);
			if (problem != null) {
				problems.add(new InvalidSetting("tenantId", "is not a valid tenant id: " + problem, TenantIds.ACTION));
			}
		}
		return tenant;
	}

	private void checkAllowedTenants(List<InvalidSetting> problems) {
		for (int i = 0; i < this.additionallyAllowedTenants.size(); i++) {
			String allowed = this.additionallyAllowedTenants.get(i);
			String problem = TenantResolver.ANY_TENANT.equals(allowed) ? null : TenantIds.problem(allowed);
			if (problem != null) {
				problems.add(new InvalidSetting("additionallyAllowedTenants[" + i + "]",
						"is neither '*' nor a valid tenant id: " + problem,
						"Use tenant ids, or '*' to allow any tenant."));
			}
		}
	}

	private @Nullable Authority checkAuthority(List<InvalidSetting> problems) {
		String value = this.authority;
		String setting = "authority";
		if (value == null) {
			// As in azure-identity, an empty AZURE_AUTHORITY_HOST means the public cloud.
			String variable = environmentVariable("AZURE_AUTHORITY_HOST");
			boolean set = variable != null && !variable.isBlank();
			value = set ? variable : AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
			setting = set ? "authority (from AZURE_AUTHORITY_HOST)" : setting;
		}
		try {
			return Authority.parse(value, setting);
		}
		catch (InvalidCredentialSettingsException ex) {
			problems.addAll(ex.problems());
			return null;
		}
	}

	private static boolean isTrue(@Nullable String value) {
		return value != null && (value.strip().equalsIgnoreCase("true") || value.strip().equals("1"));
	}

	/**
	 * Describe the identity settings for a builder's {@code toString()}, never a proof.
	 * @return the description
	 */
	String describeIdentity() {
		return "tenantId=" + this.tenantId + ", clientId=" + this.clientId;
	}

	/**
	 * Settings that passed {@link #check}, normalized.
	 *
	 * @param <P> the checked proof
	 * @param identity whose tokens the credential requests and where from
	 * @param proof the checked proof settings
	 */
	record Checked<P>(CredentialIdentity identity, P proof) {

		@Override
		public String toString() {
			return "Checked[tenantId=" + this.identity.tenantId() + ", clientId=" + this.identity.clientId()
					+ ", proof=***]";
		}

	}

}
