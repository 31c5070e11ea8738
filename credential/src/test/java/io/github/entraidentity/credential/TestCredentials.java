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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.entraidentity.testsupport.TestTls;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Test credentials, shared by the credential's tests, the auto-configuration's tests, the
 * reliability suite and the benchmarks (published as this module's {@code test-jar}):
 * builders with a test tenant, client and secret, aimed at a token endpoint over HTTPS
 * that {@link TestTls} serves, and blind to the process environment ({@code AZURE_*}), so
 * a developer's shell cannot change a test. Tests add what they are about.
 *
 * @author Entra Identity contributors
 */
public final class TestCredentials {

	/**
	 * Tenant of the test credentials.
	 */
	public static final String TENANT = "tenant-1";

	/**
	 * Client id of the test credentials.
	 */
	public static final String CLIENT_ID = "client-1";

	/**
	 * A secret with every character that form encoding can break, and non-ASCII text.
	 */
	public static final String SECRET = "s3cr3t+/=?@&% ü€-Zz~";

	/**
	 * Path of the test tenant's token endpoint.
	 */
	public static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";

	private TestCredentials() {
	}

	/**
	 * Return a builder with the test tenant, client and secret and no process
	 * environment, but neither authority nor {@code WebClient}: for tests of the
	 * credential's own HTTP client.
	 * @return the builder
	 */
	public static ClientSecretCredential.Builder builder() {
		return ClientSecretCredential.builder()
			.tenantId(TENANT)
			.clientId(CLIENT_ID)
			.clientSecret(SECRET)
			.environment(Map.of());
	}

	/**
	 * Return a builder aimed at an authority served with the test certificate, through a
	 * {@code WebClient} that trusts it.
	 * @param authority the authority, such as {@code https://localhost:8443}
	 * @return the builder
	 */
	public static ClientSecretCredential.Builder builder(String authority) {
		return builder(authority, TestTls.webClient());
	}

	/**
	 * Return a builder aimed at an authority through the given {@code WebClient} (a pool,
	 * resolver or filter of the test's own).
	 * @param authority the authority
	 * @param webClient the client for token requests
	 * @return the builder
	 */
	public static ClientSecretCredential.Builder builder(String authority, WebClient webClient) {
		return builder().authority(authority).webClient(webClient);
	}

	/**
	 * Return a builder aimed at a WireMock token endpoint on HTTPS (see
	 * {@link TestTls#httpsWireMock()}).
	 * @param entra the endpoint
	 * @return the builder
	 */
	public static ClientSecretCredential.Builder builder(WireMockExtension entra) {
		return builder(entra.getRuntimeInfo().getHttpsBaseUrl());
	}

	/**
	 * Decode an {@code application/x-www-form-urlencoded} body strictly: a field that
	 * appears twice fails the test.
	 * @param request the request WireMock received
	 * @return the fields in order
	 */
	public static Map<String, String> form(LoggedRequest request) {
		return form(request.getBodyAsString());
	}

	/**
	 * Decode an {@code application/x-www-form-urlencoded} body strictly: a field that
	 * appears twice fails the test.
	 * @param body the body
	 * @return the fields in order
	 */
	public static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			if (fields.put(name, value) != null) {
				throw new AssertionError("Form field " + name + " sent twice");
			}
		}
		return fields;
	}

}
