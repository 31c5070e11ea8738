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
package io.github.entraidentity.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A token endpoint that verifies {@code private_key_jwt} client assertions the way
 * Microsoft Entra ID does, with the JDK's {@code Signature}: the {@code x5t#S256} header
 * names a certificate registered for the client, the PS256 or RS256 signature verifies
 * with its public key, {@code aud} is this request's own token endpoint URL, {@code iss}
 * and {@code sub} are the client id, and the assertion is valid now for at most 10
 * minutes. It answers a token, or Entra's error: AADSTS700027 for an unknown key or a bad
 * signature, AADSTS700024 for an expired assertion, AADSTS50027 for any other broken
 * claim. Stub a token path with {@code .withTransformers(ClientAssertionVerifier.NAME)}.
 *
 * @author Entra Identity contributors
 */
public final class ClientAssertionVerifier implements ResponseDefinitionTransformerV2 {

	/**
	 * The transformer's name.
	 */
	public static final String NAME = "client-assertion-verifier";

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final String clientId;

	private final Map<String, X509Certificate> registered = new java.util.concurrent.ConcurrentHashMap<>();

	private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

	private final AtomicInteger tokens = new AtomicInteger();

	/**
	 * Create a verifier for one client.
	 * @param clientId the client id assertions must be issued by
	 */
	public ClientAssertionVerifier(String clientId) {
		this.clientId = clientId;
	}

	/**
	 * Register a certificate for the client, as uploading it to the app registration
	 * does; several may be registered.
	 * @param certificate the certificate
	 */
	public void register(X509Certificate certificate) {
		this.registered.put(thumbprint(certificate), certificate);
	}

	/**
	 * Remove every registered certificate and forget accepted assertions.
	 */
	public void reset() {
		this.registered.clear();
		this.accepted.clear();
	}

	/**
	 * Return the assertions accepted so far, in order.
	 * @return what each accepted assertion carried
	 */
	public List<Accepted> accepted() {
		return List.copyOf(this.accepted);
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		Map<String, String> form = form(request.getBodyAsString());
		if (form.containsKey("client_secret") || !JWT_BEARER.equals(form.get("client_assertion_type"))
				|| !"client_credentials".equals(form.get("grant_type")) || !this.clientId.equals(form.get("client_id"))
				|| form.get("client_assertion") == null) {
			return error(400, "invalid_request", 900144, "The request body is not a client assertion request.");
		}
		String[] parts = form.get("client_assertion").split("\\.", -1);
		if (parts.length != 3) {
			return error(401, "invalid_client", 50027, "JWT token is invalid or is malformed.");
		}
		Map<String, Object> header = json(parts[0]);
		Map<String, Object> claims = json(parts[1]);
		X509Certificate certificate = this.registered.get(String.valueOf(header.get("x5t#S256")));
		String algorithm = String.valueOf(header.get("alg"));
		if (certificate == null || !"JWT".equals(header.get("typ"))) {
			return error(401, "invalid_client", 700027,
					"Client assertion contains an invalid signature." + " [Reason - The key was not found.]");
		}
		if (!verifies(certificate, algorithm, parts)) {
			return error(401, "invalid_client", 700027, "Client assertion contains an invalid signature.");
		}
		long now = Instant.now().getEpochSecond();
		long exp = number(claims.get("exp"));
		long nbf = number(claims.get("nbf"));
		if (exp <= now) {
			return error(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
		}
		String audience = request.getAbsoluteUrl().replaceFirst("\\?.*$", "");
		if (!audience.equals(claims.get("aud")) || !this.clientId.equals(claims.get("iss"))
				|| !this.clientId.equals(claims.get("sub")) || claims.get("jti") == null || exp - nbf > 600
				|| nbf > now + 60) {
			return error(401, "invalid_client", 50027, "JWT token is invalid: its claims do not match the request.");
		}
		this.accepted.add(new Accepted(thumbprint(certificate), algorithm, header.containsKey("x5c"),
				String.valueOf(claims.get("aud")), String.valueOf(claims.get("jti"))));
		return TokenResponses.token("cert-token-" + this.tokens.incrementAndGet(), 3600).build();
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	/**
	 * Return the base64url SHA-256 thumbprint of a certificate.
	 * @param certificate the certificate
	 * @return the thumbprint
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean verifies(X509Certificate certificate, String algorithm, String[] parts) {
		try {
			Signature signature;
			if ("PS256".equals(algorithm)) {
				signature = Signature.getInstance("RSASSA-PSS");
				signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
			}
			else if ("RS256".equals(algorithm)) {
				signature = Signature.getInstance("SHA256withRSA");
			}
			else {
				return false;
			}
			signature.initVerify(certificate.getPublicKey());
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String part) {
		try {
			return Json.read(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8), Map.class);
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static ResponseDefinition error(int status, String error, long code, String description) {
		return TokenResponses.error(status, error, code, description).build();
	}

	/**
	 * What an accepted assertion carried.
	 *
	 * @param thumbprint the thumbprint of the certificate it was signed with
	 * @param algorithm its {@code alg}
	 * @param chain whether it carried the chain ({@code x5c})
	 * @param audience its {@code aud}
	 * @param id its {@code jti}
	 */
	public record Accepted(String thumbprint, String algorithm, boolean chain, String audience, String id) {

	}

}
