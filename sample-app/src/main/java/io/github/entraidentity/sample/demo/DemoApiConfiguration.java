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
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.sample.demo.JwtVerifier.InvalidTokenException;
import io.github.entraidentity.sample.emulator.EmulatorMode;
import io.github.entraidentity.sample.emulator.EmulatorProperties;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The demo API, {@code GET /api/demo/greeting}, protected by access tokens of the
 * embedded emulator. It stands for the downstream service a real application calls; with
 * real Entra ID, point {@code sample.downstream.url} at your own API instead.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Profile(EmulatorMode.PROFILE)
public class DemoApiConfiguration {

	/**
	 * Path of the demo API.
	 */
	public static final String GREETING_PATH = "/api/demo/greeting";

	@Bean
	JwtVerifier demoApiTokenVerifier(EntraEmulator entraEmulator, EmulatorProperties emulatorProperties) {
		return new JwtVerifier(entraEmulator.publicKey(), entraEmulator.issuer(), emulatorProperties.audience(),
				Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> demoApiRoutes(JwtVerifier demoApiTokenVerifier) {
		return RouterFunctions.route().GET(GREETING_PATH, (request) -> greet(request, demoApiTokenVerifier)).build();
	}

	static Mono<ServerResponse> greet(ServerRequest request, JwtVerifier verifier) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			// RFC 6750 section 3.1: no error code when the request carried no token at
			// all
			return ServerResponse.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sample-app\"")
				.build();
		}
		try {
			Map<String, Object> claims = verifier.verify(authorization.substring(7).strip());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("message", "Hello, app " + claims.get("appid") + "! Your token is valid.");
			body.put("tenant", claims.get("tid"));
			body.put("audience", claims.get("aud"));
			body.put("expiresAt", Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()).toString());
			return ServerResponse.ok().bodyValue(body);
		}
		catch (InvalidTokenException ex) {
			return ServerResponse.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE,
						"Bearer realm=\"sample-app\", error=\"invalid_token\", " + "error_description=\""
								+ ex.getMessage() + "\"")
				.build();
		}
	}

}
