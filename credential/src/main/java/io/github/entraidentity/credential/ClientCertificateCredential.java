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
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.github.entraidentity.credential.internal.CertificateAuthentication;
import io.github.entraidentity.credential.internal.ClientAssertionSigner;
import io.github.entraidentity.credential.internal.ClientCertificateSettings;
import io.github.entraidentity.credential.internal.TokenCache;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Authenticates as a Microsoft Entra ID service principal with a certificate (OAuth 2.0
 * client credentials with a signed client assertion, {@code private_key_jwt}), the
 * Reactor counterpart of azure-identity's {@code ClientCertificateCredential}.
 * <p>
 * Each token request to Entra carries a fresh assertion signed with the certificate's RSA
 * key (PS256 by default); cached tokens sign nothing. A certificate read from a file is
 * read again when the file is replaced, so a rotated certificate is used from the next
 * token request without a restart. Everything else (cache, single flight, refresh,
 * claims, tenants, persistence, retries, observation) is the same as for
 * {@link ClientSecretCredential}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClientCertificateCredential implements EntraCredential {

	private final String tenantId;

	private final String clientId;

	private final String authority;

	private final ClientCertificateSource certificates;

	private final TokenPipeline pipeline;

	private final TokenCache cache;

	private ClientCertificateCredential(Builder builder) {
		AppRegistrationCredentialBuilder.Checked<ClientCertificateSource> checked = builder.check();
		this.tenantId = checked.identity().tenantId();
		this.clientId = checked.identity().clientId();
		this.authority = checked.identity().authority().url();
		this.certificates = checked.proof();
		ClientAssertionSigner signer = new ClientAssertionSigner(this.clientId, builder.signingAlgorithm,
				builder.sendCertificateChain);
		this.pipeline = builder.pipeline(checked.identity(), new CertificateAuthentication(this.certificates, signer,
				builder.clock(), builder.eventListener(), builder.expiryWarning));
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
	 * Describe how the credential proves itself: method {@code client_certificate} and
	 * where the certificate comes from.
	 * @return the client authentication in use
	 */
	@Override
	public ClientAuthenticationInUse clientAuthentication() {
		return this.pipeline.clientAuthentication();
	}

	/**
	 * Describe the certificate the next token request signs with: its thumbprint, subject
	 * and validity, never its key. Reads a certificate file when it changed.
	 * @return the certificate in use
	 */
	public CertificateInUse certificateInUse() {
		return Objects.requireNonNull(clientAuthentication().certificate(), "a certificate credential's certificate");
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
		return "ClientCertificateCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ this.authority + ", certificate=" + this.certificates.description() + "]";
	}

	/**
	 * Builder for {@link ClientCertificateCredential}: the app registration and shared
	 * settings of its parents, one of three ways to give the certificate, and how
	 * assertions are signed.
	 */
	public static final class Builder extends AppRegistrationCredentialBuilder<Builder> {

		private @Nullable Path certificatePath;

		private @Nullable String certificatePassword;

		private @Nullable ClientCertificate certificate;

		private @Nullable ClientCertificateSource certificateSource;

		private boolean sendCertificateChain;

		private AssertionSigningAlgorithm signingAlgorithm = AssertionSigningAlgorithm.PS256;

		private Duration expiryWarning = CredentialDefaults.CERTIFICATE_EXPIRY_WARNING;

		private Builder() {
		}

		/**
		 * Read the certificate and its private key from a file: PEM (the certificate
		 * chain with a PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}) or
		 * PKCS#12 (with {@link #certificatePassword(String)}). The file is read again
		 * when it is replaced (including by a symlink swap). Exclusive with
		 * {@link #certificate(PrivateKey, List)} and
		 * {@link #certificateSource(ClientCertificateSource)}.
		 * @param certificatePath the file
		 * @return this builder
		 */
		public Builder certificatePath(Path certificatePath) {
			this.certificatePath = Objects.requireNonNull(certificatePath, "certificatePath must not be null");
			return this;
		}

		/**
		 * Set the password of the PKCS#12 file of {@link #certificatePath(Path)}.
		 * @param certificatePassword the password
		 * @return this builder
		 */
		public Builder certificatePassword(String certificatePassword) {
			this.certificatePassword = Objects.requireNonNull(certificatePassword,
					"certificatePassword must not be null");
			return this;
		}

		/**
		 * Use a certificate held in memory.
		 * @param privateKey the RSA private key
		 * @param chain the certificate chain, the key's certificate first
		 * @return this builder
		 */
		public Builder certificate(PrivateKey privateKey, List<X509Certificate> chain) {
			this.certificate = new ClientCertificate(privateKey, chain);
			return this;
		}

		/**
		 * Read the certificate from a source before each token request, for example one
		 * that follows a Spring Boot SSL bundle.
		 * @param certificateSource the source
		 * @return this builder
		 */
		public Builder certificateSource(ClientCertificateSource certificateSource) {
			this.certificateSource = Objects.requireNonNull(certificateSource, "certificateSource must not be null");
			return this;
		}

		/**
		 * Send the certificate chain with each assertion ({@code x5c}), as subject name
		 * and issuer authentication requires. Off by default.
		 * @param sendCertificateChain whether to send the chain
		 * @return this builder
		 */
		public Builder sendCertificateChain(boolean sendCertificateChain) {
			this.sendCertificateChain = sendCertificateChain;
			return this;
		}

		/**
		 * Set how assertions are signed: {@link AssertionSigningAlgorithm#PS256} by
		 * default, {@link AssertionSigningAlgorithm#RS256} for authorities that need it.
		 * @param signingAlgorithm the algorithm
		 * @return this builder
		 */
		public Builder signingAlgorithm(AssertionSigningAlgorithm signingAlgorithm) {
			this.signingAlgorithm = Objects.requireNonNull(signingAlgorithm, "signingAlgorithm must not be null");
			return this;
		}

		/**
		 * Set how long before the certificate expires token requests log a warning, at
		 * most once a day (30 days by default), so that a rotation is not missed.
		 * @param expiryWarning the time before expiry
		 * @return this builder
		 */
		public Builder expiryWarning(Duration expiryWarning) {
			this.expiryWarning = Objects.requireNonNull(expiryWarning, "expiryWarning must not be null");
			return this;
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once. Reads the certificate file.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting first (reading and checking the
		 * certificate) and makes no network call.
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public ClientCertificateCredential build() {
			return new ClientCertificateCredential(this);
		}

		Checked<ClientCertificateSource> check() {
			return check(new ClientCertificateSettings(this.certificatePath, this.certificatePassword, this.certificate,
					this.certificateSource)::check);
		}

		@Override
		public Class<ClientCertificateCredential> credentialType() {
			return ClientCertificateCredential.class;
		}

		@Override
		public String toString() {
			return "ClientCertificateCredential.Builder[" + describeIdentity() + ", certificatePath="
					+ this.certificatePath + ", certificatePassword="
					+ ((this.certificatePassword != null) ? "***" : "unset") + "]";
		}

	}

}
