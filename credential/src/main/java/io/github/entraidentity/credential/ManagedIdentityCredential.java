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
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.Authority;
import io.github.entraidentity.credential.internal.CredentialIdentity;
import io.github.entraidentity.credential.internal.ManagedIdentityClient;
import io.github.entraidentity.credential.internal.ManagedIdentityEndpoint;
import io.github.entraidentity.credential.internal.ManagedIdentityId;
import io.github.entraidentity.credential.internal.TenantResolver;
import io.github.entraidentity.credential.internal.TokenCache;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Authenticates as an Azure managed identity: the platform's endpoint hands the app its
 * tokens, no credential anywhere; the Reactor counterpart of azure-identity's
 * {@code ManagedIdentityCredential}, on the same cache, single flight and refresh as
 * every credential of this library. The endpoint is detected from the environment the
 * platform sets: {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} on App Service,
 * Functions and Container Apps, otherwise IMDS (VMs, scale sets, AKS node identities) at
 * {@code 169.254.169.254} or {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}. An environment
 * that shows Azure Arc, Service Fabric or Cloud Shell is reported as unsupported.
 * <p>
 * Tokens are for the resource's system-assigned identity unless a user-assigned one is
 * named by {@link Builder#clientId client id}, {@link Builder#objectId object id} or
 * {@link Builder#resourceId resource id}. Each request is for one scope, whose
 * {@code /.default} is removed to name the resource; several scopes, claims, another
 * tenant or CAE are refused with a {@link CredentialUnavailableException}, since the
 * endpoints cannot honour them.
 * <p>
 * Requests are retried as Microsoft documents for these endpoints: 404, 429 and 5xx with
 * exponential backoff, {@code Retry-After} honoured; 410 for at least 70 seconds; other
 * 4xx not at all. The total timeout (90 seconds by default) bounds every request. Tokens
 * that live two hours or more are refreshed at half their lifetime, in the background.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ManagedIdentityCredential implements EntraCredential {

	// A managed identity has no tenant of its own: the endpoint decides. The pipeline
	// keys its cache by this stand-in, which cached token views and fetch outcomes show
	private static final String NO_TENANT = "managed-identity";

	private final ManagedIdentityEndpoint endpoint;

	private final ManagedIdentityId identity;

	private final TokenPipeline pipeline;

	private final TokenCache cache;

	private ManagedIdentityCredential(Builder builder) {
		Checked checked = builder.check();
		this.endpoint = checked.endpoint();
		this.identity = checked.identity();
		// The endpoint and the identity key shared tokens (Redis, the file cache), so
		// that two identities never share a token
		CredentialIdentity pipelineIdentity = new CredentialIdentity(NO_TENANT, this.identity.describe(),
				new Authority(this.endpoint.uri().toString(), this.endpoint.host()),
				new TenantResolver(NO_TENANT, List.of(), true));
		this.pipeline = new TokenPipeline(builder.pipelineSettings(pipelineIdentity),
				ManagedIdentityClient.of(this.endpoint, this.identity));
		this.cache = this.pipeline.cache();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<AccessToken> getToken(String scope) {
		return this.pipeline.getToken(scope);
	}

	@Override
	public Mono<AccessToken> getToken(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getToken(scopes[0]);
		}
		return Mono.defer(() -> getToken(TokenRequestContext.of(scopes)));
	}

	@Override
	public Mono<AccessToken> getToken(TokenRequestContext context) {
		try {
			check(context);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return this.pipeline.getToken(context);
	}

	@Override
	public AccessToken getTokenSync(String scope) {
		// The cache first, not through the pipeline: one load less on the hit path
		AccessToken fresh = this.cache.freshTokenSync(scope);
		return (fresh != null) ? fresh : this.pipeline.getTokenSync(scope);
	}

	@Override
	public AccessToken getTokenSync(String... scopes) {
		if (scopes != null && scopes.length == 1) {
			return getTokenSync(scopes[0]);
		}
		return getTokenSync(TokenRequestContext.of(scopes));
	}

	@Override
	public AccessToken getTokenSync(TokenRequestContext context) {
		check(context);
		return this.pipeline.getTokenSync(context);
	}

	// What the endpoints cannot honour is refused before the cache, so that such a
	// request never waits on or shares another's fetch
	private static void check(TokenRequestContext context) {
		Objects.requireNonNull(context, "context must not be null");
		ManagedIdentityClient.resource(context.scopes(), context.claims());
		if (context.tenantId() != null) {
			throw new CredentialUnavailableException("A managed identity credential cannot request a token for"
					+ " another tenant (" + context.tenantId() + "): the identity belongs to the tenant of the"
					+ " resource it is assigned to. Use an app registration credential for other tenants.");
		}
		if (context.caeEnabled()) {
			throw new CredentialUnavailableException("A managed identity credential cannot request CAE tokens:"
					+ " managed identity endpoints do not take the client capability. Request the token without CAE.");
		}
	}

	/**
	 * Return the client id of the user-assigned identity, when it was named by its client
	 * id.
	 * @return the client id, or {@code null} for the system-assigned identity or one
	 * named otherwise
	 */
	@Override
	public @Nullable String clientId() {
		return (this.identity.kind() == ManagedIdentityId.Kind.CLIENT_ID) ? this.identity.value() : null;
	}

	@Override
	public List<CachedTokenView> cachedTokens() {
		return this.pipeline.cachedTokens();
	}

	/**
	 * Describe the endpoint and the identity in use, as {@code managed_identity} with a
	 * source such as {@code IMDS http://169.254.169.254/metadata/identity/oauth2/token,
	 * system-assigned}.
	 * @return the client authentication in use
	 */
	@Override
	public ClientAuthenticationInUse clientAuthentication() {
		return this.pipeline.clientAuthentication();
	}

	@Override
	public @Nullable FetchOutcome lastFetch() {
		return this.pipeline.lastFetch();
	}

	@Override
	public boolean isClosed() {
		return this.pipeline.isClosed();
	}

	@Override
	public void close() {
		this.pipeline.close();
	}

	@Override
	public String toString() {
		return "ManagedIdentityCredential[" + this.endpoint.describe() + ", " + this.identity.describe() + "]";
	}

	/**
	 * Builder for {@link ManagedIdentityCredential}: which identity, and the shared
	 * settings of its parent, where a managed identity's defaults differ: a connect
	 * timeout of 1 second and a total timeout of 90 seconds.
	 */
	public static final class Builder extends CredentialBuilder<Builder> {

		private @Nullable String clientId;

		private @Nullable String objectId;

		private @Nullable String resourceId;

		private Builder() {
			connectTimeout(CredentialDefaults.MANAGED_IDENTITY_CONNECT_TIMEOUT);
			totalTimeout(CredentialDefaults.MANAGED_IDENTITY_TOTAL_TIMEOUT);
		}

		/**
		 * Use the user-assigned identity with the given client (application) id.
		 * @param clientId the client id
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = Objects.requireNonNull(clientId, "clientId must not be null");
			return this;
		}

		/**
		 * Use the user-assigned identity with the given object (principal) id.
		 * @param objectId the object id
		 * @return this builder
		 */
		public Builder objectId(String objectId) {
			this.objectId = Objects.requireNonNull(objectId, "objectId must not be null");
			return this;
		}

		/**
		 * Use the user-assigned identity with the given Azure resource id, such as
		 * {@code /subscriptions/.../resourceGroups/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/name}.
		 * @param resourceId the resource id
		 * @return this builder
		 */
		public Builder resourceId(String resourceId) {
			this.resourceId = Objects.requireNonNull(resourceId, "resourceId must not be null");
			return this;
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once. Reads the environment and makes no network call.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting and the environment first and makes
		 * no network call: the endpoint is first asked when a token is.
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public ManagedIdentityCredential build() {
			return new ManagedIdentityCredential(this);
		}

		Checked check() {
			List<InvalidSetting> problems = new ArrayList<>();
			ManagedIdentityId identity = checkIdentity(problems);
			ManagedIdentityEndpoint endpoint = null;
			try {
				endpoint = ManagedIdentityEndpoint.detect(this::environmentVariable);
			}
			catch (InvalidCredentialSettingsException ex) {
				problems.addAll(ex.problems());
			}
			checkShared(problems);
			if (identity == ManagedIdentityId.SYSTEM_ASSIGNED && hasSharedTokenStore()) {
				// Every host has a system-assigned identity of its own, all keyed alike:
				// a
				// store shared across hosts would hand one host's token to another
				problems.add(new InvalidSetting("sharedTokenStore", "is set for a system-assigned managed identity",
						"Each host has its own system-assigned identity, so its tokens must not be shared "
								+ "across hosts: name a user-assigned identity (clientId, objectId or resourceId) "
								+ "to share its tokens, or leave this credential without a shared store."));
			}
			if (!problems.isEmpty() || identity == null || endpoint == null) {
				throw new InvalidCredentialSettingsException(problems);
			}
			return new Checked(endpoint, identity);
		}

		private @Nullable ManagedIdentityId checkIdentity(List<InvalidSetting> problems) {
			List<String> set = new ArrayList<>();
			ManagedIdentityId identity = ManagedIdentityId.SYSTEM_ASSIGNED;
			String[][] ids = { { "clientId", this.clientId }, { "objectId", this.objectId },
					{ "resourceId", this.resourceId } };
			ManagedIdentityId.Kind[] kinds = { ManagedIdentityId.Kind.CLIENT_ID, ManagedIdentityId.Kind.OBJECT_ID,
					ManagedIdentityId.Kind.RESOURCE_ID };
			for (int i = 0; i < ids.length; i++) {
				String value = ids[i][1];
				if (value == null) {
					continue;
				}
				set.add(ids[i][0]);
				if (value.isBlank()) {
					problems.add(new InvalidSetting(ids[i][0], "is blank", "Set it to the user-assigned identity's "
							+ kinds[i].displayName() + ", or leave it unset for the system-assigned identity."));
					return null;
				}
				identity = new ManagedIdentityId(kinds[i], value.strip());
			}
			if (set.size() > 1) {
				for (String other : set.subList(1, set.size())) {
					problems.add(new InvalidSetting(other, "is set together with " + set.get(0),
							"Name the user-assigned identity one way: by client id, object id or resource id."));
				}
				return null;
			}
			return identity;
		}

		@Override
		public Class<ManagedIdentityCredential> credentialType() {
			return ManagedIdentityCredential.class;
		}

		@Override
		public String toString() {
			return "ManagedIdentityCredential.Builder[clientId=" + this.clientId + ", objectId=" + this.objectId
					+ ", resourceId=" + this.resourceId + "]";
		}

	}

	/**
	 * Settings that passed {@link Builder#check()}.
	 *
	 * @param endpoint where tokens come from
	 * @param identity which identity they are for
	 */
	record Checked(ManagedIdentityEndpoint endpoint, ManagedIdentityId identity) {

	}

}
