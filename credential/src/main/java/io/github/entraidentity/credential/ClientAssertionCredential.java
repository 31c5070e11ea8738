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

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.AssertionAuthentication;
import io.github.entraidentity.credential.internal.AssertionSource;
import io.github.entraidentity.credential.internal.TokenCache;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.credential.observation.FetchOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates as a Microsoft Entra ID service principal with client assertions the
 * application supplies (a signed JWT from a key service, a federated token of another
 * identity provider), the Reactor counterpart of azure-identity's
 * {@code ClientAssertionCredential}. The assertion is asked for once per token request to
 * Entra, never for a cached token; everything else is the pipeline every credential
 * shares.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ClientAssertionCredential implements EntraCredential {

	/**
	 * The method this credential reports.
	 */
	static final String METHOD = "client_assertion";

	private final String tenantId;

	private final String clientId;

	private final String authority;

	private final TokenPipeline pipeline;

	private final TokenCache cache;

	private ClientAssertionCredential(Builder builder) {
		AppRegistrationCredentialBuilder.Checked<AssertionSource> checked = builder.check();
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
		return "ClientAssertionCredential[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", authority="
				+ this.authority + "]";
	}

	/**
	 * Builder for {@link ClientAssertionCredential}: the app registration and shared
	 * settings of its parents, and where assertions come from.
	 */
	public static final class Builder extends AppRegistrationCredentialBuilder<Builder> {

		private @Nullable Supplier<String> clientAssertion;

		private @Nullable Function<String, Mono<String>> clientAssertionPublisher;

		private Builder() {
		}

		/**
		 * Get each token request's assertion from a supplier, which may block: it is
		 * called on a worker thread, never on an event loop. Exclusive with
		 * {@link #clientAssertionPublisher(Function)}.
		 * @param clientAssertion supplies a signed JWT valid for the token endpoint
		 * @return this builder
		 */
		public Builder clientAssertion(Supplier<String> clientAssertion) {
			this.clientAssertion = Objects.requireNonNull(clientAssertion, "clientAssertion must not be null");
			return this;
		}

		/**
		 * Get each token request's assertion from a non-blocking publisher, given the
		 * token endpoint the request goes to (the assertion's audience). Exclusive with
		 * {@link #clientAssertion(Supplier)}.
		 * @param clientAssertionPublisher publishes the assertion for a token endpoint
		 * @return this builder
		 */
		public Builder clientAssertionPublisher(Function<String, Mono<String>> clientAssertionPublisher) {
			this.clientAssertionPublisher = Objects.requireNonNull(clientAssertionPublisher,
					"clientAssertionPublisher must not be null");
			return this;
		}

		/**
		 * Check every setting as {@link #build()} does, without creating anything, and
		 * report all problems at once.
		 * @throws InvalidCredentialSettingsException with every problem found
		 */
		public void validate() {
			check();
		}

		/**
		 * Build the credential. Checks every setting first and makes no network call (nor
		 * asks for an assertion).
		 * @return the credential
		 * @throws InvalidCredentialSettingsException with every problem found, each
		 * naming its setting
		 */
		public ClientAssertionCredential build() {
			return new ClientAssertionCredential(this);
		}

		Checked<AssertionSource> check() {
			return check(this::checkAssertions);
		}

		private @Nullable AssertionSource checkAssertions(List<InvalidSetting> problems) {
			if (this.clientAssertion != null && this.clientAssertionPublisher != null) {
				problems.add(new InvalidSetting("clientAssertionPublisher", "is set together with clientAssertion",
						"Keep only one of clientAssertion and clientAssertionPublisher."));
				return null;
			}
			Supplier<String> supplier = this.clientAssertion;
			if (supplier != null) {
				return source((audience) -> Mono.fromCallable(supplier::get).subscribeOn(Schedulers.boundedElastic()));
			}
			Function<String, Mono<String>> publisher = this.clientAssertionPublisher;
			if (publisher != null) {
				return source((audience) -> Mono.defer(() -> publisher.apply(audience)));
			}
			problems.add(new InvalidSetting("clientAssertion", "must be set",
					"Give a supplier (or a publisher) of client assertions for the app registration."));
			return null;
		}

		private static AssertionSource source(Function<String, Mono<String>> assertions) {
			return new AssertionSource() {

				@Override
				public Mono<String> assertion(String audience) {
					return assertions.apply(audience)
						.filter((assertion) -> !assertion.isBlank())
						.switchIfEmpty(Mono.error(() -> new CredentialUnavailableException(
								"The client assertion supplier returned no assertion; it must return a signed JWT")))
						// Only the type: the message might hold what the supplier read
						.onErrorMap((ex) -> !(ex instanceof CredentialUnavailableException),
								(ex) -> new CredentialUnavailableException("The client assertion supplier failed with "
										+ ex.getClass().getName() + "; no token was requested"));
				}

				@Override
				public String description() {
					return "application supplier";
				}

			};
		}

		@Override
		public Class<ClientAssertionCredential> credentialType() {
			return ClientAssertionCredential.class;
		}

		@Override
		public String toString() {
			return "ClientAssertionCredential.Builder[" + describeIdentity() + "]";
		}

	}

}
