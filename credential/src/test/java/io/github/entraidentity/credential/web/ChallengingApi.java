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

package io.github.entraidentity.credential.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An API on WireMock that challenges its first token for claims, as a resource with
 * Continuous Access Evaluation does, and the Entra stubs that answer the challenge: the
 * script that the tests of {@link BearerTokenFilter} and {@link BearerTokenInterceptor}
 * share, so that both clients are held to the same contract.
 *
 * @author Entra Identity contributors
 */
final class ChallengingApi {

	static final String SCOPE = "api://my-api/.default";

	static final String CLAIMS = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}";

	static final String ENCODED_CLAIMS = Base64.getUrlEncoder()
		.withoutPadding()
		.encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8));

	/**
	 * A challenge for {@link #CLAIMS}.
	 */
	static final String CHALLENGE = "Bearer realm=\"\", authorization_uri=\"https://login.example/a, b\","
			+ " error=\"insufficient_claims\", claims=\"" + ENCODED_CLAIMS + "\"";

	private ChallengingApi() {
	}

	/**
	 * Stub Entra to answer {@code tok-1}, and {@code tok-2} to a request with claims, and
	 * the API's {@code /data} to challenge {@code tok-1} and accept {@code tok-2}.
	 * @param entra the token endpoint
	 * @param tokenPath the token endpoint's path
	 * @param api the API
	 * @param wwwAuthenticate the challenge headers, {@link #CHALLENGE} if none
	 */
	static void stub(WireMockExtension entra, String tokenPath, WireMockExtension api, String... wwwAuthenticate) {
		entra.stubFor(post(urlEqualTo(tokenPath)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(tokenPath)).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-2", 3600)));
		String[] headers = (wwwAuthenticate.length > 0) ? wwwAuthenticate : new String[] { CHALLENGE };
		api.stubFor(any(urlPathEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-1"))
			.willReturn(challenge(headers)));
		api.stubFor(any(urlPathEqualTo("/data")).withHeader("Authorization", equalTo("Bearer tok-2"))
			.willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	/**
	 * Return a 401 with the given challenges and the body {@code challenged}.
	 * @param wwwAuthenticate the {@code WWW-Authenticate} headers
	 * @return the response
	 */
	static ResponseDefinitionBuilder challenge(String... wwwAuthenticate) {
		return aResponse().withStatus(401).withHeader("WWW-Authenticate", wwwAuthenticate).withBody("challenged");
	}

}
