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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Access tokens shaped like the JWTs Microsoft Entra ID issues (v1 tokens, as for Azure
 * Storage): the claims a resource server checks, with a signature nobody can verify. Good
 * for servers that, like Azurite, check issuer, audience and lifetime only.
 *
 * @author Entra Identity contributors
 */
public final class EntraJwts {

	/**
	 * Audience of Azure Storage tokens.
	 */
	public static final String STORAGE_AUDIENCE = "https://storage.azure.com";

	private EntraJwts() {
	}

	/**
	 * Return a JWT for the audience, issued by the tenant's v1 issuer
	 * ({@code https://sts.windows.net/<tenant>/}).
	 * @param tenantId the tenant
	 * @param audience the {@code aud} claim
	 * @param issuedAt the {@code iat} and {@code nbf} claims
	 * @param lifetime the time from {@code iat} to {@code exp}
	 * @return the token
	 */
	public static String token(String tenantId, String audience, Instant issuedAt, Duration lifetime) {
		long iat = issuedAt.getEpochSecond();
		String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"test\"}";
		String payload = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tenantId + "/\",\"iat\":"
				+ iat + ",\"nbf\":" + iat + ",\"exp\":" + (iat + lifetime.toSeconds())
				+ ",\"appid\":\"00000000-0000-0000-0000-0000000000a1\",\"idtyp\":\"app\""
				+ ",\"oid\":\"00000000-0000-0000-0000-0000000000b2\",\"tid\":\"" + tenantId + "\",\"ver\":\"1.0\"}";
		return encode(header) + "." + encode(payload) + "." + encode("not a signature");
	}

	/**
	 * Return a token endpoint response carrying a JWT for the audience, issued now and
	 * valid for an hour.
	 * @param tenantId the tenant
	 * @param audience the {@code aud} claim
	 * @return the response
	 */
	public static ResponseDefinitionBuilder tokenResponse(String tenantId, String audience) {
		return TokenResponses.token(token(tenantId, audience, Instant.now(), Duration.ofHours(1)), 3599);
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
