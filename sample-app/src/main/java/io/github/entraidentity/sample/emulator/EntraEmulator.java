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

package io.github.entraidentity.sample.emulator;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A small but faithful Microsoft Entra ID: the v2.0 token endpoint for the client
 * credentials grant, its OpenID configuration and its signing keys, for one tenant and
 * one app registration.
 * <p>
 * Requests are checked in the order Entra checks them and failures are answered with
 * Entra's status codes, OAuth errors and {@code AADSTS} codes, so that an application
 * sees the same errors it would see in production.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EntraEmulator {

	private final EmulatorSettings settings;

	private final JwtSigner signer;

	private final Clock clock;

	private final AtomicLong tokensIssued = new AtomicLong();

	/**
	 * Create an emulator.
	 * @param settings the tenant, app registration and API it knows
	 * @param signer the signer of issued tokens
	 * @param clock the clock for token times
	 */
	public EntraEmulator(EmulatorSettings settings, JwtSigner signer, Clock clock) {
		this.settings = settings;
		this.signer = signer;
		this.clock = clock;
	}

	/**
	 * Return the emulator's settings.
	 * @return the settings
	 */
	public EmulatorSettings settings() {
		return this.settings;
	}

	/**
	 * Return the signer whose public key verifies issued tokens.
	 * @return the signer
	 */
	public JwtSigner signer() {
		return this.signer;
	}

	/**
	 * Return how many access tokens the emulator has issued.
	 * @return the number of tokens
	 */
	public long tokensIssued() {
		return this.tokensIssued.get();
	}

	/**
	 * Return the issuer ({@code iss}) of tokens issued at the given base URL.
	 * @param baseUrl the emulator's base URL, such as {@code http://127.0.0.1:5000}
	 * @return the issuer
	 */
	public String issuer(String baseUrl) {
		return baseUrl + "/" + this.settings.tenantId() + "/v2.0";
	}

	/**
	 * Return the emulator's routes.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/{tenant}/oauth2/v2.0/token", this::token)
			.GET("/{tenant}/v2.0/.well-known/openid-configuration", this::openIdConfiguration)
			.GET("/{tenant}/discovery/v2.0/keys", this::keys)
			.build();
	}

	private Mono<ServerResponse> token(ServerRequest request) {
		String tenant = request.pathVariable("tenant");
		String correlationId = request.headers().firstHeader("client-request-id");
		String correlation = (correlationId != null && !correlationId.isBlank()) ? correlationId
				: UUID.randomUUID().toString();
		String baseUrl = baseUrl(request.uri());
		return request.formData().flatMap((form) -> {
			TokenDecision decision = decide(tenant, form);
			EntraError error = decision.error();
			if (error != null) {
				return ServerResponse.status(error.status())
					.cacheControl(CacheControl.noStore())
					.header("client-request-id", correlation)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(error.body(this.clock.instant(), correlation, baseUrl));
			}
			return ServerResponse.ok()
				.cacheControl(CacheControl.noStore())
				.header("client-request-id", correlation)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(tokenResponse(baseUrl, decision.resource()));
		});
	}

	private TokenDecision decide(String tenant, MultiValueMap<String, String> form) {
		if (!tenant.equalsIgnoreCase(this.settings.tenantId())) {
			return TokenDecision.fail(EntraError.tenantNotFound(tenant));
		}
		String grantType = form.getFirst("grant_type");
		if (grantType == null || grantType.isEmpty()) {
			return TokenDecision.fail(EntraError.missingParameter("grant_type"));
		}
		if (!grantType.equals("client_credentials")) {
			return TokenDecision.fail(EntraError.unsupportedGrantType(grantType));
		}
		String clientId = form.getFirst("client_id");
		if (clientId == null || clientId.isEmpty()) {
			return TokenDecision.fail(EntraError.missingParameter("client_id"));
		}
		String scope = form.getFirst("scope");
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
		String secret = form.getFirst("client_secret");
		if (secret == null || secret.isEmpty()) {
			return TokenDecision.fail(EntraError.missingSecret());
		}
		if (!constantTimeEquals(secret, this.settings.clientSecret())) {
			return TokenDecision.fail(EntraError.invalidSecret(this.settings.clientId()));
		}
		if (!resource.equals(this.settings.audience())) {
			return TokenDecision.fail(EntraError.resourceNotFound(resource, tenant));
		}
		return new TokenDecision(null, resource);
	}

	private Map<String, Object> tokenResponse(String baseUrl, String resource) {
		Instant now = this.clock.instant();
		long lifetime = this.settings.tokenLifetime().toSeconds();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", resource);
		claims.put("iss", issuer(baseUrl));
		claims.put("iat", now.getEpochSecond());
		claims.put("nbf", now.getEpochSecond());
		claims.put("exp", now.getEpochSecond() + lifetime);
		claims.put("azp", this.settings.clientId());
		claims.put("azpacr", "1");
		claims.put("appid", this.settings.clientId());
		claims.put("idtyp", "app");
		claims.put("oid", servicePrincipalId());
		claims.put("sub", servicePrincipalId());
		claims.put("tid", this.settings.tenantId());
		claims.put("uti", UUID.randomUUID().toString());
		claims.put("ver", "2.0");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "Bearer");
		body.put("expires_in", lifetime);
		body.put("ext_expires_in", lifetime);
		body.put("access_token", this.signer.sign(claims));
		this.tokensIssued.incrementAndGet();
		return body;
	}

	private Mono<ServerResponse> openIdConfiguration(ServerRequest request) {
		String tenant = request.pathVariable("tenant");
		String baseUrl = baseUrl(request.uri());
		if (!tenant.equalsIgnoreCase(this.settings.tenantId())) {
			return ServerResponse.badRequest()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(EntraError.tenantNotFound(tenant)
					.body(this.clock.instant(), UUID.randomUUID().toString(), baseUrl));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", issuer(baseUrl));
		body.put("token_endpoint", baseUrl + "/" + this.settings.tenantId() + "/oauth2/v2.0/token");
		body.put("jwks_uri", baseUrl + "/" + this.settings.tenantId() + "/discovery/v2.0/keys");
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
		body.put("grant_types_supported", List.of("client_credentials"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		body.put("tenant_region_scope", "EMU");
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private Mono<ServerResponse> keys(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("keys", List.of(this.signer.jwk())));
	}

	private String servicePrincipalId() {
		// a stable id per app registration, as Entra's service principal object id is
		return UUID
			.nameUUIDFromBytes((this.settings.tenantId() + "/" + this.settings.clientId().toLowerCase(Locale.ROOT))
				.getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private static String baseUrl(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private static boolean constantTimeEquals(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	private record TokenDecision(@Nullable EntraError error, String resource) {

		static TokenDecision fail(EntraError error) {
			return new TokenDecision(error, "");
		}

	}

}
