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

package io.github.entraidentity.servlet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Entra's token endpoint and a protected API that asks for more claims, both WireMock
 * over HTTPS: the API answers the first token ({@code tok-1}) with an
 * {@code insufficient_claims} challenge and accepts the token fetched with those claims
 * ({@code tok-2}).
 *
 * @author Entra Identity contributors
 */
final class ProtectedOrdersApi {

	static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

	static final String CLAIMS = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}";

	static final String ORDERS = "[\"order-1\",\"order-2\"]";

	private ProtectedOrdersApi() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(TestTls.httpsConfig(TestTls.keystore())).build();
	}

	static void register(DynamicPropertyRegistry registry, WireMockExtension entra, WireMockExtension api) {
		registry.add("identity.authority", () -> entra.getRuntimeInfo().getHttpsBaseUrl());
		registry.add("orders-api.url", () -> api.getRuntimeInfo().getHttpsBaseUrl());
	}

	static void stub(WireMockExtension entra, WireMockExtension api) {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("nbf"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-2", 3600)));
		String challenge = "Bearer realm=\"\", error=\"insufficient_claims\", claims=\""
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8))
				+ "\"";
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer tok-1"))
			.willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer tok-2"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ORDERS)));
	}

}
