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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.entraidentity.sample.demo.JwtVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EntraEmulator}.
 *
 * @author Entra Identity contributors
 */
class EntraEmulatorTests {

	private static final String TENANT = "6f1c1a6e-3b0d-4c5e-9a51-5e1b8f0c2d7a";

	private static final String CLIENT = "0c5e3f7a-8d2b-4e61-b1a9-3c7d9e2f4a10";

	private static final String SECRET = "emulator~Secret+/=&%20value";

	private static final String SCOPE = "api://entra-emulator-demo/.default";

	private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

	private final EmulatorSettings settings = new EmulatorSettings(0, TENANT, CLIENT, SECRET,
			"api://entra-emulator-demo", Duration.ofMinutes(2));

	private final EntraEmulator emulator = new EntraEmulator(this.settings, new JwtSigner(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final WebTestClient client = WebTestClient.bindToRouterFunction(this.emulator.routes()).build();

	@Test
	void issuesSignedTokenWithEntraClaimsAndLifetimes() {
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 120)
			.containsEntry("ext_expires_in", 120);
		JwtVerifier verifier = new JwtVerifier(this.emulator.signer().publicKey(),
				"http://localhost/" + TENANT + "/v2.0", "api://entra-emulator-demo",
				Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
		Map<String, Object> claims = verifier.verify((String) body.get("access_token"));
		assertThat(claims).containsEntry("tid", TENANT)
			.containsEntry("appid", CLIENT)
			.containsEntry("azp", CLIENT)
			.containsEntry("aud", "api://entra-emulator-demo")
			.containsEntry("iat", (int) NOW.getEpochSecond())
			.containsEntry("nbf", (int) NOW.getEpochSecond())
			.containsEntry("exp", (int) NOW.plusSeconds(120).getEpochSecond());
		assertThat(this.emulator.tokensIssued()).isOne();
	}

	@Test
	void acceptsTenantIdInAnyCase() {
		requestToken(TENANT.toUpperCase(), form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
	}

	@Test
	void rejectsWrongSecretAsInvalidClientLikeEntra() {
		Map<String, Object> body = requestToken(TENANT, form(CLIENT, "wrong", SCOPE)).expectStatus()
			.isUnauthorized()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", "invalid_client")
			.containsEntry("error_codes", java.util.List.of(7000215))
			.containsEntry("correlation_id", "caller-correlation-id")
			.containsEntry("timestamp", "2026-11-26 06:00:00Z")
			.containsEntry("error_uri", "http://localhost/error?code=7000215")
			.containsKey("trace_id");
		assertThat((String) body.get("error_description"))
			.startsWith("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request"
					+ " is the client secret value, not the client secret ID")
			.contains("Trace ID: " + body.get("trace_id"), "Correlation ID: caller-correlation-id",
					"Timestamp: 2026-11-26 06:00:00Z")
			.doesNotContain("wrong");
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void comparesSecretWithSpecialCharactersExactlyAsSent() {
		requestToken(TENANT, form(CLIENT, "emulator~Secret /=&%20value", SCOPE)).expectStatus().isUnauthorized();
		requestToken(TENANT, form(CLIENT, "emulator~Secret+/=& value", SCOPE)).expectStatus().isUnauthorized();
		requestToken(TENANT, form(CLIENT, SECRET, SCOPE)).expectStatus().isOk();
	}

	@Test
	void rejectsMissingSecretAsInvalidClient() {
		MultiValueMap<String, String> form = form(CLIENT, SECRET, SCOPE);
		form.remove("client_secret");
		expectError(TENANT, form, HttpStatus.UNAUTHORIZED, "invalid_client", 7000216);
	}

	@Test
	void rejectsUnknownTenantWithAadsts90002() {
		expectError("00000000-0000-0000-0000-000000000000", form(CLIENT, SECRET, SCOPE), HttpStatus.BAD_REQUEST,
				"invalid_request", 90002);
	}

	@Test
	void rejectsUnknownClientAsUnauthorizedClient() {
		expectError(TENANT, form("11111111-1111-1111-1111-111111111111", SECRET, SCOPE), HttpStatus.BAD_REQUEST,
				"unauthorized_client", 700016);
	}

	@Test
	void rejectsScopeWithoutDefaultSuffixAsInvalidScope() {
		expectError(TENANT, form(CLIENT, SECRET, "api://entra-emulator-demo/read"), HttpStatus.BAD_REQUEST,
				"invalid_scope", 70011);
	}

	@Test
	void rejectsScopeOfUnknownResource() {
		expectError(TENANT, form(CLIENT, SECRET, "https://graph.microsoft.com/.default"), HttpStatus.BAD_REQUEST,
				"invalid_resource", 500011);
	}

	@Test
	void rejectsMissingGrantTypeAndOtherGrantTypes() {
		MultiValueMap<String, String> form = form(CLIENT, SECRET, SCOPE);
		form.remove("grant_type");
		expectError(TENANT, form, HttpStatus.BAD_REQUEST, "invalid_request", 900144);
		form.add("grant_type", "password");
		expectError(TENANT, form, HttpStatus.BAD_REQUEST, "unsupported_grant_type", 70003);
	}

	@Test
	void publishesSigningKeyThatMatchesTokenKeyId() {
		this.client.get()
			.uri("http://localhost/" + TENANT + "/discovery/v2.0/keys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keys[0].kid")
			.isEqualTo(this.emulator.signer().keyId())
			.jsonPath("$.keys[0].kty")
			.isEqualTo("RSA");
		this.client.get()
			.uri("http://localhost/" + TENANT + "/v2.0/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token_endpoint")
			.isEqualTo("http://localhost/" + TENANT + "/oauth2/v2.0/token");
	}

	private void expectError(String tenant, MultiValueMap<String, String> form, HttpStatus status, String error,
			int code) {
		Map<String, Object> body = requestToken(tenant, form).expectStatus()
			.isEqualTo(status)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("error", error).containsEntry("error_codes", java.util.List.of(code));
		assertThat((String) body.get("error_description")).startsWith("AADSTS" + code + ": ");
	}

	private WebTestClient.ResponseSpec requestToken(String tenant, MultiValueMap<String, String> form) {
		return this.client.post()
			.uri("http://localhost/" + tenant + "/oauth2/v2.0/token")
			.header("client-request-id", "caller-correlation-id")
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private static MultiValueMap<String, String> form(String clientId, String secret, String scope) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", clientId);
		form.add("client_secret", secret);
		form.add("scope", scope);
		return form;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
