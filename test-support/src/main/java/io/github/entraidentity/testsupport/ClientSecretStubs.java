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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A WireMock token endpoint that checks the client secret as Microsoft Entra ID does, for
 * rotation tests whose accepted secret changes during the test: every secret is rejected
 * with {@code 401 invalid_client} (AADSTS7000215) unless a stub of
 * {@link #accept(WireMockExtension, String, String)} accepts it.
 *
 * @author Entra Identity contributors
 */
public final class ClientSecretStubs {

	/**
	 * The secret a rotation replaces. Both secrets have the same length, so that a file
	 * rewritten in place keeps its size.
	 */
	public static final String OLD_SECRET = "old-Secret~0123456789";

	/**
	 * The secret a rotation brings.
	 */
	public static final String NEW_SECRET = "new-Secret~9876543210";

	private ClientSecretStubs() {
	}

	/**
	 * Reject every client secret as wrong, as Entra does for a revoked or unknown one
	 * (AADSTS7000215).
	 * @param entra the token endpoint
	 * @param tokenPath the token endpoint's path, such as
	 * {@code /tenant-1/oauth2/v2.0/token}
	 * @return the stub
	 */
	public static StubMapping rejectUnknown(WireMockExtension entra, String tokenPath) {
		return entra.stubFor(post(urlEqualTo(tokenPath)).atPriority(10)
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215,
					"Invalid client secret provided. Ensure the secret being sent in the request is the client"
							+ " secret value, not the client secret ID, for a secret added to app 'client-1'.")));
	}

	/**
	 * Accept one client secret: its requests get the token {@code tok-<secret>}, valid
	 * for an hour. Remove the stub to revoke the secret.
	 * @param entra the token endpoint
	 * @param tokenPath the token endpoint's path
	 * @param secret the accepted secret
	 * @return the stub
	 */
	public static StubMapping accept(WireMockExtension entra, String tokenPath, String secret) {
		return entra.stubFor(post(urlEqualTo(tokenPath)).atPriority(1)
			.withRequestBody(containing("client_secret=" + encoded(secret)))
			.willReturn(TokenResponses.token("tok-" + secret, 3600)));
	}

	/**
	 * Return a secret as a form body carries it.
	 * @param secret the secret
	 * @return its form-encoded text
	 */
	public static String encoded(String secret) {
		return URLEncoder.encode(secret, StandardCharsets.UTF_8);
	}

}
