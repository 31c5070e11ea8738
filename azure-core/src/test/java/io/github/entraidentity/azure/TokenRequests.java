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

package io.github.entraidentity.azure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;

/**
 * The token requests a WireMock token endpoint received, as decoded forms.
 *
 * @author Entra Identity contributors
 */
final class TokenRequests {

	private TokenRequests() {
	}

	static List<Map<String, String>> formsOf(WireMockExtension entra) {
		return entra.findAll(postRequestedFor(anyUrl())).stream().map(TokenRequests::form).toList();
	}

	static Map<String, String> form(LoggedRequest request) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : request.getBodyAsString().split("&")) {
			int equals = pair.indexOf('=');
			fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return fields;
	}

}
