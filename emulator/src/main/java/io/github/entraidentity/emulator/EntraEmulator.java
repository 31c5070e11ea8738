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

package io.github.entraidentity.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A Microsoft Entra ID for tests, listening on the loopback interface: the v2.0 token
 * endpoint for the client credentials grant with Entra's checks, errors and
 * {@code AADSTS} codes, RS256 access tokens with the claims Azure services check, its
 * OpenID configuration and signing keys.
 * <p>
 * Point a credential at it with {@link #identityProperties()} (or {@link #authority()},
 * {@link #tenantId()}, {@link #clientId()} and {@link #clientSecret()}), read what it
 * issued with {@link #issuedTokens()} and {@link #tokenRequests()}, and script what it
 * does next: {@link #replyNext(EmulatorReply...)} for the next requests (throttling,
 * outages, slow answers, any Entra error), {@link #changeClientSecret(String)} and
 * {@link #expireClientSecret()} for the secret the application holds,
 * {@link #tokenLifetime(Duration)} and {@link #issuer(String)} for the tokens. In a
 * Spring Boot test {@code @AutoConfigureEntraEmulator} starts one; in a plain JUnit test
 * {@code EntraEmulatorExtension} does.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EntraEmulator implements AutoCloseable {

	/**
	 * Location, on the class path, of the PKCS12 store with the certificate an HTTPS
	 * emulator serves (issued to {@code 127.0.0.1} and {@code localhost}): a client
	 * trusts the emulator with it, for example through
	 * {@code spring.ssl.bundle.jks.<name>.truststore.location=classpath:<this>}. Its key
	 * is public: use it for tests only.
	 */
	public static final String TRUST_STORE_LOCATION = "io/github/entraidentity/emulator/tls.p12";

	/**
	 * Password of {@link #TRUST_STORE_LOCATION}.
	 */
	public static final String TRUST_STORE_PASSWORD = "changeit";

	/**
	 * Type of {@link #TRUST_STORE_LOCATION}.
	 */
	public static final String TRUST_STORE_TYPE = "PKCS12";

	/**
	 * Class path location of the client certificate (PKCS#12, with its private key) that
	 * every emulator has registered for its app, for applications that authenticate with
	 * a certificate.
	 */
	public static final String CLIENT_CERTIFICATE_LOCATION = "io/github/entraidentity/emulator/client-certificate.p12";

	/**
	 * Password of {@link #CLIENT_CERTIFICATE_LOCATION}.
	 */
	public static final String CLIENT_CERTIFICATE_PASSWORD = "changeit";

	/**
	 * The federated credential every emulator's app has: a Kubernetes service account
	 * {@code entra-emulator} in namespace {@code default}, for applications that use
	 * workload identity; mint its tokens with {@link #serviceAccountToken()}.
	 */
	public static final FederatedCredential WORKLOAD_IDENTITY = new FederatedCredential(
			"https://kubernetes.default.svc.cluster.local", "system:serviceaccount:default:entra-emulator");

	private static final Log logger = LogFactory.getLog(EntraEmulator.class);

	private final TokenEndpoint endpoint;

	private final EmulatorServer server;

	private EntraEmulator(TokenEndpoint endpoint, EmulatorServer server) {
		this.endpoint = endpoint;
		this.server = server;
	}

	/**
	 * Start an emulator with {@link EmulatorSettings#defaults()} on a free loopback port.
	 * @return the running emulator
	 */
	public static EntraEmulator start() {
		return start(EmulatorSettings.defaults());
	}

	/**
	 * Start an emulator on {@code 127.0.0.1}.
	 * @param settings what it knows
	 * @return the running emulator
	 */
	public static EntraEmulator start(EmulatorSettings settings) {
		return start(settings, Clock.systemUTC());
	}

	/**
	 * Start an emulator on {@code 127.0.0.1} whose token times come from the given clock.
	 * @param settings what it knows
	 * @param clock the clock for token times and error timestamps
	 * @return the running emulator
	 */
	public static EntraEmulator start(EmulatorSettings settings, Clock clock) {
		TokenEndpoint endpoint = new TokenEndpoint(settings, new JwtSigner(), clock);
		EmulatorServer server = EmulatorServer.start(endpoint::answer, settings.port(),
				settings.https() ? tls() : null);
		EntraEmulator emulator = new EntraEmulator(endpoint, server);
		// What a developer running an application against it needs to know, on one line
		logger.info("Entra emulator listening on " + emulator.authority() + " for tenant " + emulator.tenantId()
				+ " and client " + emulator.clientId());
		return emulator;
	}

	/**
	 * Return the store of {@link #TRUST_STORE_LOCATION}, for a client that trusts the
	 * HTTPS emulator (a {@code TrustManagerFactory}, an Azure SDK HTTP client).
	 * @return the trust store
	 */
	public static KeyStore trustStore() {
		try (InputStream in = EntraEmulator.class.getClassLoader().getResourceAsStream(TRUST_STORE_LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(TRUST_STORE_LOCATION + " is missing from the class path");
			}
			KeyStore store = KeyStore.getInstance(TRUST_STORE_TYPE);
			store.load(in, TRUST_STORE_PASSWORD.toCharArray());
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the Entra emulator's TLS store " + TRUST_STORE_LOCATION, ex);
		}
	}

	private static SSLContext tls() {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(trustStore(), TRUST_STORE_PASSWORD.toCharArray());
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(keys.getKeyManagers(), null, null);
			return tls;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot use the Entra emulator's TLS key", ex);
		}
	}

	/**
	 * Return the settings it started with.
	 * @return the settings
	 */
	public EmulatorSettings settings() {
		return this.endpoint.settings();
	}

	/**
	 * Return the authority a credential uses: the base URL of this emulator.
	 * @return the authority, such as {@code http://127.0.0.1:50123} (or {@code https://}
	 * when {@link EmulatorSettings#https()})
	 */
	public String authority() {
		return this.server.scheme() + "://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return the tenant the emulator knows.
	 * @return the tenant id
	 */
	public String tenantId() {
		return settings().tenantId();
	}

	/**
	 * Return the application (client) id the emulator knows.
	 * @return the client id
	 */
	public String clientId() {
		return settings().clientId();
	}

	/**
	 * Return the client secret the emulator accepts now.
	 * @return the client secret
	 */
	public String clientSecret() {
		return this.endpoint.state().clientSecret();
	}

	/**
	 * Return the URL of the token endpoint.
	 * @return {@code <authority>/<tenant>/oauth2/v2.0/token}
	 */
	public String tokenEndpoint() {
		return authority() + "/" + tenantId() + "/oauth2/v2.0/token";
	}

	/**
	 * Return the issuer ({@code iss}) of the tokens it issues now.
	 * @return the issuer, {@code <authority>/<tenant>/v2.0} unless set otherwise
	 */
	public String issuer() {
		return this.endpoint.issuer(authority());
	}

	/**
	 * Return the public key that verifies its tokens, as published at its JWKS endpoint.
	 * @return the public key
	 */
	public RSAPublicKey publicKey() {
		return this.endpoint.signer().publicKey();
	}

	/**
	 * Return the signer of its tokens, for a test that needs a token the emulator did not
	 * issue itself (an expired or forged one).
	 * @return the signer
	 */
	public JwtSigner signer() {
		return this.endpoint.signer();
	}

	/**
	 * Return the {@code identity.*} properties that point the Entra identity starter at
	 * this emulator: tenant id, client id, client secret and authority.
	 * @return the properties, in a stable order
	 */
	public Map<String, String> identityProperties() {
		return identityProperties(EmulatedClientAuthentication.CLIENT_SECRET);
	}

	/**
	 * Return the {@code identity.*} properties that point the Entra identity starter at
	 * this emulator with the given way of proving the client's identity: for a
	 * certificate or workload identity they name a copy of
	 * {@link #clientCertificatePkcs12()} or a token of {@link #serviceAccountToken()},
	 * written to a temporary directory, and blank out {@code identity.client-secret}.
	 * @param clientAuthentication how the application proves itself
	 * @return the properties, in a stable order
	 */
	public Map<String, String> identityProperties(EmulatedClientAuthentication clientAuthentication) {
		Map<String, String> properties = secretIdentityProperties();
		if (clientAuthentication == EmulatedClientAuthentication.CLIENT_SECRET) {
			return properties;
		}
		// Exactly one proof per credential: the secret makes way for the other
		properties.put("identity.client-secret", "");
		try {
			Path directory = Files.createTempDirectory("entra-emulator");
			directory.toFile().deleteOnExit();
			if (clientAuthentication == EmulatedClientAuthentication.CLIENT_CERTIFICATE) {
				Path file = Files.write(directory.resolve("client-certificate.p12"), clientCertificatePkcs12());
				file.toFile().deleteOnExit();
				properties.put("identity.client-certificate.path", file.toString());
				properties.put("identity.client-certificate.password", CLIENT_CERTIFICATE_PASSWORD);
			}
			else {
				Path file = Files.writeString(directory.resolve("token"), serviceAccountToken());
				file.toFile().deleteOnExit();
				properties.put("identity.workload-identity.enabled", "true");
				properties.put("identity.workload-identity.token-file", file.toString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	private Map<String, String> secretIdentityProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("identity.tenant-id", tenantId());
		properties.put("identity.client-id", clientId());
		properties.put("identity.client-secret", clientSecret());
		properties.put("identity.authority", authority());
		return properties;
	}

	/**
	 * Return the tokens issued so far (since the last {@link #reset()}), oldest first.
	 * @return the issued tokens
	 */
	public List<IssuedToken> issuedTokens() {
		return this.endpoint.issued();
	}

	/**
	 * Return the most recently issued token.
	 * @return the token
	 * @throws IllegalStateException if none was issued
	 */
	public IssuedToken lastIssuedToken() {
		List<IssuedToken> issued = issuedTokens();
		if (issued.isEmpty()) {
			throw new IllegalStateException(
					"The Entra emulator has issued no token yet (requests so far: " + tokenRequests().size() + ")");
		}
		return issued.get(issued.size() - 1);
	}

	/**
	 * Find an issued token, as a protected API in a test does with the bearer token it
	 * receives. Finds every token issued since the emulator started, resets included.
	 * @param accessToken the access token
	 * @return the token, or empty if this emulator did not issue it
	 */
	public Optional<IssuedToken> findIssuedToken(String accessToken) {
		return this.endpoint.findIssued(accessToken);
	}

	/**
	 * Return the token requests received so far (since the last {@link #reset()}), oldest
	 * first, with the status each was answered with.
	 * @return the requests
	 */
	public List<TokenRequest> tokenRequests() {
		return this.endpoint.requests();
	}

	/**
	 * Answer the next token requests with the given replies, one each, in order; after
	 * them the emulator answers as before. For example
	 * {@code replyNext(EmulatorReply.throttled(Duration.ofSeconds(2)))}, or
	 * {@code replyNext(EmulatorReply.outage(503), EmulatorReply.outage(503))}.
	 * @param replies the replies
	 * @return this emulator
	 */
	public EntraEmulator replyNext(EmulatorReply... replies) {
		this.endpoint.replyNext(List.of(replies));
		return this;
	}

	/**
	 * Answer every token request with the given reply until {@link #reset()} (replies of
	 * {@link #replyNext(EmulatorReply...)} come first): a long outage, a slow endpoint.
	 * @param reply the reply
	 * @return this emulator
	 */
	public EntraEmulator replyAlways(EmulatorReply reply) {
		this.endpoint.update((state) -> state.withAlways(reply));
		return this;
	}

	/**
	 * Replace the client secret, as rotating it in the portal does: the application's
	 * secret is then wrong and gets {@code AADSTS7000215}.
	 * @param clientSecret the new secret
	 * @return this emulator
	 */
	public EntraEmulator changeClientSecret(String clientSecret) {
		if (clientSecret == null || clientSecret.isEmpty()) {
			throw new IllegalArgumentException("clientSecret must not be empty");
		}
		this.endpoint.update((state) -> state.withClientSecret(clientSecret));
		return this;
	}

	/**
	 * Register a certificate for the app, as uploading it in the portal does: client
	 * assertions signed with its key are accepted from now on. Several may be registered.
	 * @param certificate the certificate
	 * @return this emulator
	 */
	public EntraEmulator registerCertificate(X509Certificate certificate) {
		this.endpoint.registerCertificate(Objects.requireNonNull(certificate, "certificate must not be null"));
		return this;
	}

	/**
	 * Add a federated identity credential to the app: tokens of its issuer for its
	 * subject, with audience {@code api://AzureADTokenExchange}, are accepted as client
	 * assertions, as workload identity sends them. Mint such tokens with
	 * {@link #serviceAccountToken(String, String, Duration)}.
	 * @param credential the federated credential
	 * @return this emulator
	 */
	public EntraEmulator addFederatedCredential(FederatedCredential credential) {
		this.endpoint.addFederatedCredential(Objects.requireNonNull(credential, "credential must not be null"));
		return this;
	}

	/**
	 * Return the certificate every emulator has registered for its app, whose PKCS#12
	 * file (with the private key) is {@link #CLIENT_CERTIFICATE_LOCATION}.
	 * @return the certificate
	 */
	public X509Certificate clientCertificate() {
		return ClientCertificates.shipped();
	}

	/**
	 * Return the PKCS#12 file of {@link #clientCertificate()}, with its private key,
	 * protected by {@link #CLIENT_CERTIFICATE_PASSWORD}.
	 * @return the file's content
	 */
	public byte[] clientCertificatePkcs12() {
		return ClientCertificates.shippedPkcs12();
	}

	/**
	 * Mint a service-account token of {@link #WORKLOAD_IDENTITY}, valid for a day.
	 * @return the token, for the federated token file
	 */
	public String serviceAccountToken() {
		return serviceAccountToken(WORKLOAD_IDENTITY.issuer(), WORKLOAD_IDENTITY.subject(), Duration.ofDays(1));
	}

	/**
	 * Mint a service-account token as a Kubernetes cluster projects it for workload
	 * identity: issued by the given issuer for the given subject, audience
	 * {@code api://AzureADTokenExchange}, signed by the key the emulator trusts for
	 * federated tokens.
	 * @param issuer the issuer, as a federated credential names it
	 * @param subject the subject, such as {@code system:serviceaccount:orders:orders-api}
	 * @param lifetime how long the token is valid
	 * @return the token, for the federated token file
	 */
	public String serviceAccountToken(String issuer, String subject, Duration lifetime) {
		long now = this.endpoint.clock().instant().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", List.of(ClientAssertionCheck.EXCHANGE_AUDIENCE));
		claims.put("iss", issuer);
		claims.put("sub", subject);
		claims.put("iat", now);
		claims.put("nbf", now);
		claims.put("exp", now + lifetime.toSeconds());
		return this.endpoint.federationIssuer().sign(claims);
	}

	/**
	 * Let the client secret expire: requests with it get {@code AADSTS7000222} until
	 * {@link #changeClientSecret(String)} or {@link #reset()}.
	 * @return this emulator
	 */
	public EntraEmulator expireClientSecret() {
		this.endpoint.update(TokenEndpoint.State::withSecretExpired);
		return this;
	}

	/**
	 * Issue tokens with the given lifetime from now on.
	 * @param tokenLifetime the lifetime, at least one second
	 * @return this emulator
	 */
	public EntraEmulator tokenLifetime(Duration tokenLifetime) {
		if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
			throw new IllegalArgumentException("tokenLifetime must be at least one second, but was " + tokenLifetime);
		}
		this.endpoint.update((state) -> state.withTokenLifetime(tokenLifetime));
		return this;
	}

	/**
	 * Issue tokens with the given issuer from now on, such as
	 * {@link EmulatorSettings#stsIssuer(String)} for the tokens Azure Storage accepts.
	 * @param issuer the issuer, or {@code null} for the emulator's own
	 * @return this emulator
	 */
	public EntraEmulator issuer(@Nullable String issuer) {
		if (issuer != null && issuer.isBlank()) {
			throw new IllegalArgumentException("issuer must not be blank; use null for the emulator's own issuer");
		}
		this.endpoint.update((state) -> state.withIssuer(issuer));
		return this;
	}

	/**
	 * Create a claims challenge asking for a token issued from now on, for a protected
	 * API in a test to answer with {@code 401} and
	 * {@link InsufficientClaimsChallenge#wwwAuthenticate()}.
	 * @return the challenge
	 */
	public InsufficientClaimsChallenge claimsChallenge() {
		return new InsufficientClaimsChallenge(this.endpoint.clock().instant().truncatedTo(ChronoUnit.SECONDS),
				authority() + "/" + tenantId() + "/oauth2/v2.0/authorize");
	}

	/**
	 * Forget scripted replies and changes, and the requests and tokens recorded for
	 * {@link #tokenRequests()} and {@link #issuedTokens()}: back to the settings it
	 * started with. Tokens already issued stay valid.
	 */
	public void reset() {
		this.endpoint.reset();
	}

	/**
	 * Return whether the emulator still listens.
	 * @return whether it is running
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/**
	 * Stop listening.
	 */
	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public String toString() {
		return "EntraEmulator[" + authority() + ", tenant " + tenantId() + ", client " + clientId() + "]";
	}

}
