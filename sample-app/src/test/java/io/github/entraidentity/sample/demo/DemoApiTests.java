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

package io.github.entraidentity.sample.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.entraidentity.emulator.JwtSigner;
import io.github.entraidentity.sample.demo.JwtVerifier.InvalidTokenException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JwtVerifier} and the demo API that uses it.
 *
 * @author Entra Identity contributors
 */
class DemoApiTests {

	private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

	private static final String ISSUER = "http://127.0.0.1:5000/tenant/v2.0";

	private static final String AUDIENCE = "api://entra-emulator-demo";

	private final JwtSigner signer = new JwtSigner();

	private final JwtVerifier verifier = new JwtVerifier(this.signer.publicKey(), ISSUER, AUDIENCE,
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final WebTestClient api = WebTestClient
		.bindToRouterFunction(RouterFunctions.route()
			.GET(DemoApiConfiguration.GREETING_PATH, (request) -> DemoApiConfiguration.greet(request, this.verifier))
			.build())
		.build();

	@Test
	void acceptsValidToken() {
		assertThat(this.verifier.verify(this.signer.sign(claims()))).containsEntry("appid", "client");
	}

	@Test
	void rejectsExpiredToken() {
		Map<String, Object> claims = claims();
		claims.put("exp", NOW.minusSeconds(60).getEpochSecond());
		assertRejected(this.signer.sign(claims), "the token has expired");
	}

	@Test
	void rejectsTokenNotValidYet() {
		Map<String, Object> claims = claims();
		claims.put("nbf", NOW.plusSeconds(300).getEpochSecond());
		assertRejected(this.signer.sign(claims), "the token is not valid yet");
	}

	@Test
	void rejectsTokenForAnotherAudience() {
		Map<String, Object> claims = claims();
		claims.put("aud", "https://graph.microsoft.com");
		assertRejected(this.signer.sign(claims), "the token is meant for another audience");
	}

	@Test
	void rejectsTokenFromAnotherIssuer() {
		Map<String, Object> claims = claims();
		claims.put("iss", "https://login.microsoftonline.com/other/v2.0");
		assertRejected(this.signer.sign(claims), "the token was issued by another issuer");
	}

	@Test
	void rejectsTokenSignedWithAnotherKey() {
		assertRejected(new JwtSigner().sign(claims()), "the token signature is invalid");
	}

	@Test
	void rejectsTokenWithAlteredClaims() {
		String[] parts = this.signer.sign(claims()).split("\\.");
		Map<String, Object> altered = claims();
		altered.put("appid", "attacker");
		String forged = new JwtSigner().sign(altered).split("\\.")[1];
		assertRejected(parts[0] + "." + forged + "." + parts[2], "the token signature is invalid");
	}

	@Test
	void rejectsSomethingThatIsNotAJwt() {
		assertRejected("not-a-token", "the token is not a JWT");
		assertRejected("a.b.c", "the token is not a JWT");
	}

	@Test
	void demoApiGreetsCallerWithValidToken() {
		this.api.get()
			.uri(DemoApiConfiguration.GREETING_PATH)
			.headers((headers) -> headers.setBearerAuth(this.signer.sign(claims())))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("Hello, app client! Your token is valid.")
			.jsonPath("$.tenant")
			.isEqualTo("tenant");
	}

	@Test
	void demoApiAsksForTokenWhenNoneIsSent() {
		this.api.get()
			.uri(DemoApiConfiguration.GREETING_PATH)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sample-app\"");
	}

	@Test
	void demoApiRejectsInvalidTokenWithInvalidTokenError() {
		Map<String, Object> claims = claims();
		claims.put("exp", NOW.minusSeconds(60).getEpochSecond());
		this.api.get()
			.uri(DemoApiConfiguration.GREETING_PATH)
			.headers((headers) -> headers.setBearerAuth(this.signer.sign(claims)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"sample-app\", error=\"invalid_token\", error_description=\"the token has expired\"");
	}

	private void assertRejected(String token, String reason) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token))
			.withMessage(reason);
	}

	private static Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", AUDIENCE);
		claims.put("iss", ISSUER);
		claims.put("iat", NOW.getEpochSecond());
		claims.put("nbf", NOW.getEpochSecond());
		claims.put("exp", NOW.plusSeconds(120).getEpochSecond());
		claims.put("appid", "client");
		claims.put("tid", "tenant");
		return claims;
	}

}
