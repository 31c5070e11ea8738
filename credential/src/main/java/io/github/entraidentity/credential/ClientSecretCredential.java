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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.internal.ClientSecretSettings;
import io.github.entraidentity.credential.internal.ClientSecrets;
import io.github.entraidentity.credential.internal.TokenHttpClient;
import io.github.entraidentity.credential.internal.TokenCache;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Authenticates as a Microsoft Entra ID service principal with a client secret (OAuth 2.0
 * client credentials), the Reactor counterpart of
 * {@code azure.identity.aio.ClientSecretCredential}.
 * <p>
 * Tokens are cached per tenant, scope set and CAE mode. Concurrent callers that need the
 * same token share one request; inside the refresh window callers keep getting the valid
 * cached token while one background refresh runs. Requests with claims go to Entra and
 * replace the cached token, within limits: the same claims within 30 seconds get the
 * token they produced, and at most 5 requests with claims per tenant, scope set and CAE
 * mode are sent per minute; beyond that the token fails with
 * {@link ClaimsRequestLimitedException}. {@code getTokenSync} waits at most the total
 * timeout and must not be called on a non-blocking (Reactor) thread.
 * <p>
 * {@link #close()} releases the HTTP connections the credential created (or was handed
 * with
 * {@link CredentialBuilder#webClient(org.springframework.web.reactive.function.client.WebClient, AutoCloseable)});
 * a {@code WebClient} passed to the builder is left alone. It is non-blocking unless a
 * persistent cache is configured: tokens are persisted in the background, so close waits
 * (at most 2 seconds) for the ones still being written.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClientSecretCredential implements EntraCredential {

	private final String tenantId;

	private final String clientId;

	private final String authority;

	private final TokenPipeline pipeline;

	private final TokenCache cache;

	/**
	 * Create a credential for the public cloud with default settings.
	 * @param tenantId the tenant (directory) id
	 * @param clientId the application (client) id
	 * @param clientSecret one of the application's client secrets
	 */
	public ClientSecretCredential(String tenantId, String clientId, String clientSecret) {
		this(builder().tenantId(tenantId).clientId(clientId).clientSecret(clientSecret));
	}

	private ClientSecretCredential(Builder builder) {
		AppRegistrationCredentialBuilder.Checked<List<ClientSecretSource>> checked = builder.check();
		this.tenantId = checked.identity().tenantId();
		this.clientId = checked.identity().clientId();
		this.authority = checked.identity().authority().url();
		this.pipeline = builder.pipeline(checked.identity(),
				new ClientSecrets(checked.proof(), builder.eventListener(), builder.scheduler()));
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

	/**
	 * Describe which client secret the credential uses: its position in the ordered list,
	 * where it comes from and, after a fallback, why Entra rejected the one before. Never
	 * the secret itself.
	 * @return the client authentication in use, with method {@code client_secret}
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

	/**
	 * Return the HTTP client token requests go through, with what the credential owns.
	 * @return the token HTTP client
	 */
	TokenHttpClient httpClient() {
		return this.pipeline.httpClient();
	}

	@Override
	public String toString() {
		return "ClientSecretCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ this.authority + ", clientSecret=***]";
	}

	/**
	 * Builder for {@link ClientSecretCredential}: the app registration and shared
	 * settings of its parents, and one of four ways to give the client secret.
	 */
	public static final class Builder extends AppRegistrationCredentialBuilder<Builder> {

		private @Nullable String clientSecret;

		private @Nullable Path clientSecretFile;

		private @Nullable List<String> clientSecrets;

		private @Nullable List<ClientSecretSource> clientSecretSources;

		private Builder() {
		}

		/**
		 * Set the client secret (its value, not its id). Exclusive with
		 * {@link #clientSecretFile(Path)}, {@link #clientSecrets(List)} and
		 * {@link #clientSecretSources(List)}.
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Read the client secret from a file, such as a Kubernetes secret volume: its
		 * content, trimmed. The credential notices when the file is replaced (including
		 * by a symlink swap) and uses the new secret for the next token request; before
		 * failing a request whose secret Entra rejected, it reads the file once more. A
		 * missing or empty file fails {@link #build()}; a file that disappears later
		 * leaves the secret read last in use. Exclusive with the other client secret
		 * settings.
		 * @param clientSecretFile the file
		 * @return this builder
		 */
		public Builder clientSecretFile(Path clientSecretFile) {
			this.clientSecretFile = Objects.requireNonNull(clientSecretFile, "clientSecretFile must not be null");
			return this;
		}

		/**
		 * Set several client secrets, in order, for a rotation's overlap. The first is
		 * used until Entra rejects it as wrong (AADSTS7000215) or expired
		 * (AADSTS7000222); then the next ones are tried at once and the one that works is
		 * used from then on. Exclusive with the other client secret settings.
		 * @param clientSecrets the secrets, at least one
		 * @return this builder
		 */
		public Builder clientSecrets(List<String> clientSecrets) {
			Objects.requireNonNull(clientSecrets, "clientSecrets must not be null");
			this.clientSecrets = new ArrayList<>(clientSecrets);
			return this;
		}

		/**
		 * Set sources of client secrets, read on demand, in order: like
		 * {@link #clientSecrets(List)}, but each secret is read from its source before
		 * each token request (never for a cached token) and once more before a rejected
		 * one fails. Exclusive with the other client secret settings.
		 * @param clientSecretSources the sources, at least one, such as
		 * {@link ClientSecretSource#file(Path)}
		 * @return this builder
		 */
		public Builder clientSecretSources(List<? extends ClientSecretSource> clientSecretSources) {
			Objects.requireNonNull(clientSecretSources, "clientSecretSources must not be null");
			this.clientSecretSources = new ArrayList<>(clientSecretSources);
			return this;
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once. Reads the cache's key file, if one is set.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting first and makes no network call.
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public ClientSecretCredential build() {
			return new ClientSecretCredential(this);
		}

		Checked<List<ClientSecretSource>> check() {
			return check(new ClientSecretSettings(this.clientSecret, this.clientSecretFile, this.clientSecrets,
					this.clientSecretSources)::check);
		}

		@Override
		public Class<ClientSecretCredential> credentialType() {
			return ClientSecretCredential.class;
		}

		@Override
		public String toString() {
			return "ClientSecretCredential.Builder[" + describeIdentity() + ", clientSecret="
					+ ((this.clientSecret != null) ? "***" : "unset")
					+ ((this.clientSecretFile != null) ? ", clientSecretFile=" + this.clientSecretFile : "")
					+ ((this.clientSecrets != null) ? ", clientSecrets=" + this.clientSecrets.size() + " x ***" : "")
					+ "]";
		}

	}

}
