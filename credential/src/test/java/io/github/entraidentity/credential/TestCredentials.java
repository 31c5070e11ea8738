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

/**
 * Shared set-up for credential tests: a builder aimed at a WireMock token endpoint over
 * HTTPS, and a decoder for the form the endpoint received.
 *
 * @author Entra Identity contributors
 */
final class TestCredentials {

	static final String TENANT = "tenant-1";

	static final String CLIENT_ID = "client-1";

	/**
	 * A secret with every character that form encoding can break, and non-ASCII text.
	 */
	static final String SECRET = "s3cr3t+/=?@&% ü€-Zz~";

	static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";

	private TestCredentials() {
	}

	static ClientSecretCredential.Builder builder(WireMockExtension entra) {
		return ClientSecretCredential.builder()
			.tenantId(TENANT)
			.clientId(CLIENT_ID)
			.clientSecret(SECRET)
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.environment(Map.of());
	}

	/**
	 * Decode an {@code application/x-www-form-urlencoded} body strictly: a field that
	 * appears twice fails the test.
	 * @param request the request WireMock received
	 * @return the fields in order
	 */
	static Map<String, String> form(LoggedRequest request) {
		Map<String, String> fields = new LinkedHashMap<>();
		String body = request.getBodyAsString();
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
