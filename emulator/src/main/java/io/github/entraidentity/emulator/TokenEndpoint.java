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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A small but faithful Microsoft Entra ID: the v2.0 token endpoint for the client
 * credentials grant, its OpenID configuration and its signing keys, for one tenant and
 * one app registration, plus what a test scripted.
 * <p>
 * Requests are checked in the order Entra checks them and failures are answered with
 * Entra's status codes, OAuth errors and {@code AADSTS} codes, so that an application
 * sees the same errors it would see in production.
 *
 * @author Entra Identity contributors
 */
final class TokenEndpoint {

	private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");

	private static final Pattern OPENID_CONFIGURATION_PATH = Pattern
		.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");

	private static final Pattern KEYS_PATH = Pattern.compile("/([^/]+)/discovery/v2\\.0/keys");

	private final EmulatorSettings settings;

	private final JwtSigner signer;

	private final Clock clock;

	private final AtomicReference<State> state;

	private final ConcurrentLinkedQueue<EmulatorReply> nextReplies = new ConcurrentLinkedQueue<>();

	private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

	private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();

	private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();

	private final List<FederatedCredential> federatedCredentials = new CopyOnWriteArrayList<>();

	// The trusted issuer of federated tokens (a Kubernetes cluster's, in a test)
	private final JwtSigner federationIssuer = new JwtSigner();

	// every token stays valid while the emulator runs, as with Entra: a reset does not
	// forget them, so that a protected API can still look up a token the app cached
	private final Map<String, IssuedToken> everIssued = new ConcurrentHashMap<>();

	TokenEndpoint(EmulatorSettings settings, JwtSigner signer, Clock clock) {
		this.settings = settings;
		this.signer = signer;
		this.clock = clock;
		this.state = new AtomicReference<>(State.of(settings));
		registerDefaultProofs();
	}

	EmulatorSettings settings() {
		return this.settings;
	}

	JwtSigner signer() {
		return this.signer;
	}

	Clock clock() {
		return this.clock;
	}

	State state() {
		return this.state.get();
	}

	void update(UnaryOperator<State> change) {
		this.state.updateAndGet(change);
	}

	void replyNext(List<EmulatorReply> replies) {
		this.nextReplies.addAll(replies);
	}

	List<TokenRequest> requests() {
		return List.copyOf(this.requests);
	}

	List<IssuedToken> issued() {
		return List.copyOf(this.issued);
	}

	void reset() {
		this.nextReplies.clear();
		this.state.set(State.of(this.settings));
		this.requests.clear();
		this.issued.clear();
		this.certificates.clear();
		this.federatedCredentials.clear();
		registerDefaultProofs();
	}

	// What the app registration starts with besides its secret: the shipped client
	// certificate and the workload identity of a pod in the default namespace
	private void registerDefaultProofs() {
		this.certificates.add(ClientCertificates.shipped());
		this.federatedCredentials.add(EntraEmulator.WORKLOAD_IDENTITY);
	}

	void registerCertificate(X509Certificate certificate) {
		this.certificates.add(certificate);
	}

	void addFederatedCredential(FederatedCredential credential) {
		this.federatedCredentials.add(credential);
	}

	JwtSigner federationIssuer() {
		return this.federationIssuer;
	}

	/**
	 * Return the issuer ({@code iss}) of tokens issued at the given base URL.
	 * @param baseUrl the emulator's base URL, such as {@code http://127.0.0.1:5000}
	 * @return the issuer
	 */
	String issuer(String baseUrl) {
		String issuer = state().issuer();
		return (issuer != null) ? issuer : baseUrl + "/" + this.settings.tenantId() + "/v2.0";
	}

	/**
	 * Answer an HTTP request: the token endpoint, the OpenID configuration and the
	 * signing keys of the tenant; {@code 404} for anything else. A scripted slow reply
	 * waits on the calling thread.
	 * @param request the request
	 * @return the answer
	 * @throws InterruptedException if interrupted while a slow reply waits
	 */
	EndpointResponse answer(EmulatorServer.Request request) throws InterruptedException {
		String path = request.uri().getPath();
		Matcher token = TOKEN_PATH.matcher(path);
		if (token.matches() && request.method().equals("POST")) {
			return token(token.group(1), request.header().apply("client-request-id"), form(request.body()),
					request.baseUrl());
		}
		Matcher configuration = OPENID_CONFIGURATION_PATH.matcher(path);
		if (configuration.matches() && request.method().equals("GET")) {
			return openIdConfiguration(configuration.group(1), request.baseUrl());
		}
		if (KEYS_PATH.matcher(path).matches() && request.method().equals("GET")) {
			return keys();
		}
		return EndpointResponse.empty(404);
	}

	private EndpointResponse token(String tenant, @Nullable String correlationId, Map<String, String> form,
			String baseUrl) throws InterruptedException {
		String correlation = (correlationId != null && !correlationId.isBlank()) ? correlationId
				: UUID.randomUUID().toString();
		EmulatorReply reply = nextReply();
		TokenRequest received = new TokenRequest(this.clock.instant(), tenant, form.get("client_id"), form.get("scope"),
				form.get("claims"), correlationId, 0);
		// a slow reply issues its token (and records the request) when it answers, not
		// when the request arrived
		if (!reply.delay().isZero()) {
			Thread.sleep(reply.delay().toMillis());
		}
		return switch (reply.kind()) {
			case NORMAL -> normal(received, form, baseUrl, correlation);
			case ERROR, OUTAGE, THROTTLED -> scripted(reply, received, baseUrl, correlation);
		};
	}

	// application/x-www-form-urlencoded, the first value of each name, as Entra reads it
	private static Map<String, String> form(byte[] body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			form.putIfAbsent(name, value);
		}
		return form;
	}

	private EmulatorReply nextReply() {
		EmulatorReply next = this.nextReplies.poll();
		if (next != null) {
			return next;
		}
		EmulatorReply always = state().always();
		return (always != null) ? always : EmulatorReply.normal();
	}

	private EndpointResponse normal(TokenRequest received, Map<String, String> form, String baseUrl,
			String correlation) {
		TokenDecision decision = decide(received.tenant(), form,
				baseUrl + "/" + received.tenant() + "/oauth2/v2.0/token");
		EntraError error = decision.error();
		if (error != null) {
			return error(error, received, baseUrl, correlation);
		}
		this.requests.add(received.withStatus(200));
		return EndpointResponse.json(200, tokenResponse(baseUrl, received, decision.resource()))
			.noStore()
			.withHeader("client-request-id", correlation);
	}

	private EndpointResponse scripted(EmulatorReply reply, TokenRequest received, String baseUrl, String correlation) {
		EntraError error = reply.error(received);
		int status = error.status().value();
		if (reply.kind() == EmulatorReply.Kind.OUTAGE && (status == 502 || status == 504)) {
			// a gateway in front of the token service answers, not the service itself
			this.requests.add(received.withStatus(status));
			return EndpointResponse.html(status, "<html><head><title>" + status + " " + error.status().getReasonPhrase()
					+ "</title></head><body>The service is unavailable.</body></html>");
		}
		if (reply.kind() == EmulatorReply.Kind.THROTTLED) {
			this.requests.add(received.withStatus(status));
			return EndpointResponse.json(status, error.body(this.clock.instant(), correlation, baseUrl))
				.noStore()
				.withHeader("client-request-id", correlation)
				.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfter().toSeconds()));
		}
		return error(error, received, baseUrl, correlation);
	}

	private EndpointResponse error(EntraError error, TokenRequest received, String baseUrl, String correlation) {
		this.requests.add(received.withStatus(error.status().value()));
		return EndpointResponse.json(error.status().value(), error.body(this.clock.instant(), correlation, baseUrl))
			.noStore()
			.withHeader("client-request-id", correlation);
	}

	private TokenDecision decide(String tenant, Map<String, String> form, String tokenEndpoint) {
		State state = state();
		if (!tenant.equalsIgnoreCase(this.settings.tenantId())) {
			return TokenDecision.fail(EntraError.tenantNotFound(tenant));
		}
		String grantType = form.get("grant_type");
		if (grantType == null || grantType.isEmpty()) {
			return TokenDecision.fail(EntraError.missingParameter("grant_type"));
		}
		if (!grantType.equals("client_credentials")) {
			return TokenDecision.fail(EntraError.unsupportedGrantType(grantType));
		}
		String clientId = form.get("client_id");
		if (clientId == null || clientId.isEmpty()) {
			return TokenDecision.fail(EntraError.missingParameter("client_id"));
		}
		String scope = form.get("scope");
		if (scope == null || scope.isBlank()) {
			return TokenDecision.fail(EntraError.missingParameter("scope"));
		}
		List<String> scopes = List.of(scope.strip().split("\\s+"));
		if (scopes.size() != 1 || !scopes.get(0).endsWith("/.default")) {
			return TokenDecision.fail(EntraError.invalidScope(scope));
		}
		String resource = scopes.get(0).substring(0, scopes.get(0).length() - "/.default".length());
		if (!clientId.equalsIgnoreCase(this.settings.clientId())) {
			return TokenDecision.fail(EntraError.applicationNotFound(clientId, tenant));
		}
		EntraError unauthenticated = authenticate(form, state, tokenEndpoint);
		if (unauthenticated != null) {
			return TokenDecision.fail(unauthenticated);
		}
		if (!this.settings.resources().isEmpty() && !this.settings.resources().contains(resource)) {
			return TokenDecision.fail(EntraError.resourceNotFound(resource, tenant));
		}
		return new TokenDecision(null, resource);
	}

	// A client proves itself with a secret or an assertion: a certificate's or a
	// federated
	// token
	private @Nullable EntraError authenticate(Map<String, String> form, State state, String tokenEndpoint) {
		String assertion = form.get("client_assertion");
		if (assertion != null && !assertion.isEmpty()) {
			if (!ClientAssertionCheck.JWT_BEARER.equals(form.get("client_assertion_type"))) {
				return EntraError.missingParameter("client_assertion_type");
			}
			Instant now = this.clock.instant();
			return ClientAssertionCheck.namesCertificate(assertion)
					? ClientAssertionCheck.certificate(assertion, tokenEndpoint, this.settings.clientId(),
							this.certificates, now)
					: ClientAssertionCheck.federated(assertion, this.federationIssuer.publicKey(),
							this.federatedCredentials, now);
		}
		String secret = form.get("client_secret");
		if (secret == null || secret.isEmpty()) {
			return EntraError.missingSecret();
		}
		if (!constantTimeEquals(secret, state.clientSecret())) {
			return EntraError.invalidSecret(this.settings.clientId());
		}
		if (state.secretExpired()) {
			return EntraError.expiredSecret(this.settings.clientId());
		}
		return null;
	}

	private Map<String, Object> tokenResponse(String baseUrl, TokenRequest request, String resource) {
		Instant now = this.clock.instant();
		State state = state();
		long lifetime = state.tokenLifetime().toSeconds();
		String issuer = issuer(baseUrl);
		boolean v1 = issuer.startsWith("https://sts.windows.net/");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", resource);
		claims.put("iss", issuer);
		claims.put("iat", now.getEpochSecond());
		claims.put("nbf", now.getEpochSecond());
		claims.put("exp", now.getEpochSecond() + lifetime);
		if (!v1) {
			claims.put("azp", this.settings.clientId());
			claims.put("azpacr", "1");
		}
		claims.put("appid", this.settings.clientId());
		if (v1) {
			claims.put("appidacr", "1");
		}
		claims.put("idtyp", "app");
		claims.put("oid", servicePrincipalId());
		claims.put("sub", servicePrincipalId());
		claims.put("tid", this.settings.tenantId());
		claims.put("uti", UUID.randomUUID().toString());
		claims.put("ver", v1 ? "1.0" : "2.0");
		if (request.claims() != null && request.claims().contains("CP1")) {
			// the client declared it handles claims challenges (CAE): Entra says so in
			// the
			// token
			claims.put("xms_cc", List.of("CP1"));
		}
		String accessToken = this.signer.sign(claims);
		IssuedToken token = new IssuedToken(accessToken, claims, resource + "/.default", request.claims(), now,
				now.plusSeconds(lifetime));
		this.issued.add(token);
		this.everIssued.put(accessToken, token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "Bearer");
		body.put("expires_in", lifetime);
		body.put("ext_expires_in", lifetime);
		body.put("access_token", accessToken);
		return body;
	}

	Optional<IssuedToken> findIssued(String accessToken) {
		return Optional.ofNullable(this.everIssued.get(accessToken));
	}

	private EndpointResponse openIdConfiguration(String tenant, String baseUrl) {
		if (!tenant.equalsIgnoreCase(this.settings.tenantId())) {
			return EndpointResponse.json(400, EntraError.tenantNotFound(tenant)
				.body(this.clock.instant(), UUID.randomUUID().toString(), baseUrl));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", issuer(baseUrl));
		body.put("token_endpoint", baseUrl + "/" + this.settings.tenantId() + "/oauth2/v2.0/token");
		body.put("jwks_uri", baseUrl + "/" + this.settings.tenantId() + "/discovery/v2.0/keys");
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt"));
		body.put("grant_types_supported", List.of("client_credentials"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		body.put("tenant_region_scope", "EMU");
		return EndpointResponse.json(200, body);
	}

	private EndpointResponse keys() {
		return EndpointResponse.json(200, Map.of("keys", List.of(this.signer.jwk())));
	}

	private String servicePrincipalId() {
		// a stable id per app registration, as Entra's service principal object id is
		return UUID
			.nameUUIDFromBytes((this.settings.tenantId() + "/" + this.settings.clientId().toLowerCase(Locale.ROOT))
				.getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private static boolean constantTimeEquals(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What a test changed since the emulator started.
	 *
	 * @param clientSecret the secret the application must send
	 * @param secretExpired whether that secret has expired
	 * @param tokenLifetime the lifetime of tokens issued from now on
	 * @param issuer the issuer of tokens issued from now on, or {@code null} for the
	 * emulator's
	 * @param always the reply to every request without a queued one, or {@code null}
	 */
	record State(String clientSecret, boolean secretExpired, Duration tokenLifetime, @Nullable String issuer,
			@Nullable EmulatorReply always) {

		static State of(EmulatorSettings settings) {
			return new State(settings.clientSecret(), false, settings.tokenLifetime(), settings.issuer(), null);
		}

		State withClientSecret(String clientSecret) {
			return new State(clientSecret, false, this.tokenLifetime, this.issuer, this.always);
		}

		State withSecretExpired() {
			return new State(this.clientSecret, true, this.tokenLifetime, this.issuer, this.always);
		}

		State withTokenLifetime(Duration tokenLifetime) {
			return new State(this.clientSecret, this.secretExpired, tokenLifetime, this.issuer, this.always);
		}

		State withIssuer(@Nullable String issuer) {
			return new State(this.clientSecret, this.secretExpired, this.tokenLifetime, issuer, this.always);
		}

		State withAlways(@Nullable EmulatorReply always) {
			return new State(this.clientSecret, this.secretExpired, this.tokenLifetime, this.issuer, always);
		}

		@Override
		public String toString() {
			return "State[clientSecret=***, secretExpired=" + this.secretExpired + ", tokenLifetime="
					+ this.tokenLifetime + ", issuer=" + this.issuer + ", always=" + this.always + "]";
		}

	}

	private record TokenDecision(@Nullable EntraError error, String resource) {

		static TokenDecision fail(EntraError error) {
			return new TokenDecision(error, "");
		}

	}

}
