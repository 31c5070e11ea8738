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

package io.github.entraidentity.credential.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code claims} form field: the caller's claims, merged with the CAE client
 * capability ({@code xms_cc: CP1}) when CAE is on.
 *
 * @author Entra Identity contributors
 */
public final class ClaimsRequest {

	static final int MAX_CLAIMS_LENGTH = 16 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CAE_ONLY = "{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}";

	private ClaimsRequest() {
	}

	/**
	 * Check that claims are a JSON object of bounded size whose {@code access_token}, if
	 * present, is an object (so that the CAE capability can be merged into it). The one
	 * check for claims from callers and from challenges alike.
	 * @param claims the claims or {@code null}
	 * @throws IllegalArgumentException if they are not
	 */
	public static void validate(@Nullable String claims) {
		if (claims != null && !claims.isBlank()) {
			accessTokenClaims(parseObject(claims));
		}
	}

	/**
	 * Return the {@code claims} field to send, or {@code null} when none is needed.
	 * @param claims the caller's claims or {@code null}
	 * @param cae whether CAE is enabled
	 * @return the field value
	 */
	static @Nullable String formField(@Nullable String claims, boolean cae) {
		boolean hasClaims = claims != null && !claims.isBlank();
		if (!cae) {
			return hasClaims ? claims : null;
		}
		if (!hasClaims) {
			return CAE_ONLY;
		}
		ObjectNode root = parseObject(claims);
		accessTokenClaims(root).putObject("xms_cc").putArray("values").add("CP1");
		return JSON.writeValueAsString(root);
	}

	private static ObjectNode accessTokenClaims(ObjectNode root) {
		JsonNode accessToken = root.get("access_token");
		if (accessToken == null || accessToken.isNull()) {
			return root.putObject("access_token");
		}
		if (accessToken instanceof ObjectNode existing) {
			return existing;
		}
		throw new IllegalArgumentException(
				"claims JSON is invalid: \"access_token\" must be a JSON object such as {\"access_token\":{...}}");
	}

	private static ObjectNode parseObject(String claims) {
		if (claims.length() > MAX_CLAIMS_LENGTH) {
			throw new IllegalArgumentException("claims are too large: " + claims.length() + " characters, at most "
					+ MAX_CLAIMS_LENGTH + " are accepted");
		}
		JsonNode node;
		try {
			node = JSON.readTree(claims);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"claims must be a JSON object such as {\"access_token\":{...}}, but could not be parsed as JSON");
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"claims must be a JSON object such as {\"access_token\":{...}}, but was a JSON "
							+ node.getNodeType().toString().toLowerCase(Locale.ROOT));
		}
		return object;
	}

}
