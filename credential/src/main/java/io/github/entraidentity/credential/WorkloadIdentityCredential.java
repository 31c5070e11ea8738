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

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.AssertionAuthentication;
import io.github.entraidentity.credential.internal.FederatedTokenFile;
import io.github.entraidentity.credential.internal.TokenCache;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Authenticates with Microsoft Entra Workload ID: a Kubernetes service-account token (the
 * federated token file the AKS webhook projects into the pod) exchanged for an Entra
 * token, no secret anywhere; the Reactor counterpart of azure-identity's
 * {@code WorkloadIdentityCredential}. Without settings it reads what the webhook injects:
 * {@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}
 * and {@code AZURE_AUTHORITY_HOST}, so a pod needs no configuration at all.
 * <p>
 * The token file is read when it changed (the kubelet replaces it before it expires),
 * checked before each token request and never for a cached token; when Entra answers that
 * the assertion expired (AADSTS700024), the file is read once more and the request sent
 * again.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class WorkloadIdentityCredential implements EntraCredential {

	/**
	 * The method this credential reports.
	 */
	static final String METHOD = "workload_identity";

	private final String tenantId;

	private final String clientId;

	private final String authority;

	private final TokenPipeline pipeline;

	private final TokenCache cache;

	private WorkloadIdentityCredential(Builder builder) {
		AppRegistrationCredentialBuilder.Checked<FederatedTokenFile> checked = builder.check();
		this.tenantId = checked.identity().tenantId();
		this.clientId = checked.identity().clientId();
		this.authority = checked.identity().authority().url();
		this.pipeline = builder.pipeline(checked.identity(), new AssertionAuthentication(METHOD, checked.proof()));
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
	public Mono<AccessToken> getToken(String... scopes) {
		return this.pipeline.getToken(scopes);
	}

	@Override
	public Mono<AccessToken> getToken(String scope) {
		return this.pipeline.getToken(scope);
	}

	@Override
	public Mono<AccessToken> getToken(TokenRequestContext context) {
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
		return this.pipeline.getTokenSync(scopes);
	}

	@Override
	public AccessToken getTokenSync(TokenRequestContext context) {
		return this.pipeline.getTokenSync(context);
	}

	@Override
	public String tenantId() {
		return this.tenantId;
	}

	@Override
	public String clientId() {
		return this.clientId;
	}

	@Override
	public String authority() {
		return this.authority;
	}

	@Override
	public List<CachedTokenView> cachedTokens() {
		return this.pipeline.cachedTokens();
	}

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
		return "WorkloadIdentityCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ this.authority + "]";
	}

	/**
	 * Builder for {@link WorkloadIdentityCredential}: the app registration and shared
	 * settings of its parents (tenant and client id default to {@code AZURE_TENANT_ID}
	 * and {@code AZURE_CLIENT_ID}) and the token file.
	 */
	public static final class Builder extends AppRegistrationCredentialBuilder<Builder> {

		private @Nullable Path tokenFilePath;

		private Builder() {
		}

		/**
		 * Set the federated token file; {@code AZURE_FEDERATED_TOKEN_FILE} by default.
		 * @param tokenFilePath the file
		 * @return this builder
		 */
		public Builder tokenFilePath(Path tokenFilePath) {
			this.tokenFilePath = Objects.requireNonNull(tokenFilePath, "tokenFilePath must not be null");
			return this;
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once. Reads the token file.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting first (reading the token file) and
		 * makes no network call.
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public WorkloadIdentityCredential build() {
			return new WorkloadIdentityCredential(this);
		}

		Checked<FederatedTokenFile> check() {
			// What the AKS webhook injects stands in for settings that were not made
			String tenant = environmentVariable("AZURE_TENANT_ID");
			if (!hasTenantId() && tenant != null) {
				tenantId(tenant);
			}
			String client = environmentVariable("AZURE_CLIENT_ID");
			if (!hasClientId() && client != null) {
				clientId(client);
			}
			return check(this::checkTokenFile);
		}

		private @Nullable FederatedTokenFile checkTokenFile(List<InvalidSetting> problems) {
			Path file = this.tokenFilePath;
			String setting = "tokenFilePath";
			if (file == null) {
				String variable = environmentVariable("AZURE_FEDERATED_TOKEN_FILE");
				if (variable == null || variable.isBlank()) {
					problems.add(new InvalidSetting(setting, "must be set",
							"Set it, or AZURE_FEDERATED_TOKEN_FILE as the AKS workload identity webhook does, to the"
									+ " projected service-account token file."));
					return null;
				}
				file = Path.of(variable.strip());
				setting = "tokenFilePath (from AZURE_FEDERATED_TOKEN_FILE)";
			}
			FederatedTokenFile tokenFile = new FederatedTokenFile(file, clock());
			try {
				tokenFile.check();
				return tokenFile;
			}
			catch (IllegalArgumentException ex) {
				problems.add(new InvalidSetting(setting, ex.getMessage(),
						"Check that the pod's service account is set up for workload identity and the token volume"
								+ " is mounted."));
				return null;
			}
		}

		@Override
		public Class<WorkloadIdentityCredential> credentialType() {
			return WorkloadIdentityCredential.class;
		}

		@Override
		public String toString() {
			return "WorkloadIdentityCredential.Builder[" + describeIdentity() + ", tokenFilePath=" + this.tokenFilePath
					+ "]";
		}

	}

}
