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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Token endpoint responses shaped like Microsoft Entra ID's.
 *
 * @author Entra Identity contributors
 */
public final class TokenResponses {

	private TokenResponses() {
	}

	/**
	 * Return a successful token response.
	 * @param token the access token
	 * @param expiresIn the lifetime in seconds
	 * @return the response
	 */
	public static ResponseDefinitionBuilder token(String token, long expiresIn) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
					+ ",\"access_token\":\"" + token + "\"}");
	}

	/**
	 * Return an Entra error response.
	 * @param status the HTTP status
	 * @param error the OAuth error code
	 * @param aadsts the AADSTS number
	 * @param description the description after the AADSTS code
	 * @return the response
	 */
	public static ResponseDefinitionBuilder error(int status, String error, long aadsts, String description) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + aadsts + ": " + description
					+ " Trace ID: 0d0d0d0d-1111-2222-3333-444444444444 Correlation ID:"
					+ " 5e5e5e5e-6666-7777-8888-999999999999 Timestamp: 2026-11-26 06:00:00Z\",\"error_codes\":["
					+ aadsts + "],\"timestamp\":\"2026-11-26 06:00:00Z\","
					+ "\"trace_id\":\"0d0d0d0d-1111-2222-3333-444444444444\","
					+ "\"correlation_id\":\"5e5e5e5e-6666-7777-8888-999999999999\","
					+ "\"error_uri\":\"https://login.microsoftonline.com/error?code=" + aadsts + "\"}");
	}

}
