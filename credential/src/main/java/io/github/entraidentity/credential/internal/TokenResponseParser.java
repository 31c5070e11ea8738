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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Reads a token endpoint response: a token, an Entra error, a retryable status, or an
 * unusable body. Never lets a parser exception or a token reach the caller.
 *
 * @author Entra Identity contributors
 */
final class TokenResponseParser {

	/**
	 * Longest lifetime accepted: Entra issues tokens for at most a day, so anything
	 * beyond a year is a broken response, not a token to keep.
	 */
	static final long MAX_EXPIRES_IN_SECONDS = Duration.ofDays(365).toSeconds();

	private static final JsonMapper JSON = warm(JsonMapper.builder().build());

	private static final Map<Long, String> HINTS = Map.of(7000215L,
			"Check that the client secret is the secret's Value, not its Secret ID, and that it belongs to this client id.",
			7000222L,
			"The client secret has expired: create a new secret for the app registration and update the configuration.",
			90002L, "Check the tenant id and that the authority is the cloud the tenant lives in.", 700016L,
			"Check the client id and that the application is registered or consented in this tenant.", 500011L,
			"Check the scope: the resource is not known in this tenant or cloud.", 50196L,
			"Entra is throttling repeated identical requests: let the credential's cache serve tokens instead of asking again.");

	private final String secret;

	TokenResponseParser(String secret) {
		this.secret = secret;
	}

	/**
	 * Parse a response.
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body, already capped
	 * @param requestStartMillis when the request was sent, the base for
	 * {@code expires_in}
	 * @param nowMillis the current time, for {@code Retry-After} dates
	 * @return the token
	 * @throws ClientAuthenticationException on an Entra error or unusable response
	 * @throws RetryableStatusException on a retryable status
	 */
	AccessToken parse(int status, HttpHeaders headers, byte[] body, long requestStartMillis, long nowMillis) {
		JsonNode json = readJson(body);
		if (RetryPolicy.isRetryableStatus(status)) {
			String detail = (json != null && json.hasNonNull("error")) ? entraMessage(json)
					: ResponseExcerpt.of(body, this.secret);
			throw new RetryableStatusException(status, RetryPolicy.retryAfter(headers, nowMillis), detail);
		}
		if (json != null && json.hasNonNull("error")) {
			throw entraError(status, json);
		}
		if (status != 200) {
			throw unexpected(status, body, "an error status without an Entra error body");
		}
		if (json == null || !json.isObject()) {
			throw unexpected(status, body, "the body is not a JSON object");
		}
		JsonNode accessToken = json.get("access_token");
		if (accessToken == null || !accessToken.isString() || accessToken.stringValue().isEmpty()) {
			throw unexpected(status, body, "it has no access_token");
		}
		Instant expiresOn = expiresOn(json, status, body, requestStartMillis);
		Instant refreshOn = refreshOn(json, requestStartMillis, expiresOn);
		JsonNode tokenType = json.get("token_type");
		String type = (tokenType != null && tokenType.isString() && !tokenType.stringValue().isBlank())
				? tokenType.stringValue() : "Bearer";
		return new AccessToken(accessToken.stringValue(), expiresOn, type, refreshOn);
	}

	/**
	 * Read the expiry. {@code expires_on} wins when it lies within the same bounds as
	 * {@code expires_in} (an authority that sends milliseconds there would otherwise make
	 * a token valid for millennia); outside them it is ignored in favour of
	 * {@code expires_in}.
	 */
	private Instant expiresOn(JsonNode json, int status, byte[] body, long requestStartMillis) {
		long requestStartSeconds = requestStartMillis / 1000;
		Long expiresOn = seconds(json.get("expires_on"));
		if (expiresOn != null && expiresOn > requestStartSeconds
				&& expiresOn - requestStartSeconds <= MAX_EXPIRES_IN_SECONDS) {
			return Instant.ofEpochSecond(expiresOn);
		}
		JsonNode expiresInNode = json.get("expires_in");
		if (expiresInNode == null || expiresInNode.isNull()) {
			throw unexpected(status, body,
					(expiresOn != null) ? "it has no expires_in and expires_on " + expiresOn + " is not within "
							+ MAX_EXPIRES_IN_SECONDS + " seconds after the request" : "it has no expires_in");
		}
		Long expiresIn = seconds(expiresInNode);
		if (expiresIn == null) {
			throw unexpected(status, body, "expires_in is not a number");
		}
		if (!isLifetime(expiresIn)) {
			throw unexpected(status, body,
					"expires_in " + expiresIn + " is outside 1.." + MAX_EXPIRES_IN_SECONDS + " seconds");
		}
		return Instant.ofEpochMilli(requestStartMillis).plusSeconds(expiresIn);
	}

	/**
	 * Read the refresh point: {@code refresh_in} within the bounds of {@code expires_in},
	 * never after the expiry; otherwise none.
	 */
	private static @Nullable Instant refreshOn(JsonNode json, long requestStartMillis, Instant expiresOn) {
		Long refreshIn = seconds(json.get("refresh_in"));
		if (refreshIn == null || !isLifetime(refreshIn)) {
			return null;
		}
		Instant refreshOn = Instant.ofEpochMilli(requestStartMillis).plusSeconds(refreshIn);
		return refreshOn.isAfter(expiresOn) ? expiresOn : refreshOn;
	}

	static boolean isLifetime(long seconds) {
		return seconds > 0 && seconds <= MAX_EXPIRES_IN_SECONDS;
	}

	static @Nullable Long seconds(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isString()) {
			try {
				return Long.parseLong(node.stringValue().strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * Load this class, and so warm its JSON reader, on the calling thread.
	 */
	static void load() {
		// Class initialization did the work
	}

	// The first tree read looks its deserializer up under a lock: done here, when the
	// class loads on the thread that builds a credential (see load()), not on an event
	// loop
	private static JsonMapper warm(JsonMapper mapper) {
		mapper.readTree("{\"token_type\":\"Bearer\",\"expires_in\":1,\"access_token\":\"x\"}");
		return mapper;
	}

	static @Nullable JsonNode readJson(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private ClientAuthenticationException entraError(int status, JsonNode json) {
		List<Long> codes = new ArrayList<>();
		JsonNode errorCodes = json.get("error_codes");
		if (errorCodes != null && errorCodes.isArray()) {
			for (JsonNode code : errorCodes) {
				if (code.canConvertToLong()) {
					codes.add(code.longValue());
				}
			}
		}
		String message = entraMessage(json);
		for (Long code : codes) {
			String hint = HINTS.get(code);
			if (hint != null) {
				message = message + ". " + hint;
				break;
			}
		}
		return new ClientAuthenticationException(message, status, scrub(text(json, "error")),
				scrub(text(json, "error_description")), codes, text(json, "trace_id"), text(json, "correlation_id"));
	}

	private String entraMessage(JsonNode json) {
		String error = text(json, "error");
		String description = text(json, "error_description");
		String message = (description != null) ? "Microsoft Entra ID error '(" + error + ") " + description + "'"
				: "Microsoft Entra ID error '" + error + "'";
		return scrub(message);
	}

	private @Nullable String scrub(@Nullable String text) {
		return (text == null) ? null : ResponseExcerpt.mask(text, this.secret);
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return (node != null && !node.isNull()) ? node.asString() : null;
	}

	private ClientAuthenticationException unexpected(int status, byte[] body, String why) {
		return new ClientAuthenticationException("Unexpected response from Microsoft Entra ID (HTTP " + status + "): "
				+ why + ". Body: " + ResponseExcerpt.of(body, this.secret), status, null, null, List.of(), null, null);
	}

	ClientAuthenticationException tooLarge(int status, int maxBytes) {
		return new ClientAuthenticationException("Unexpected response from Microsoft Entra ID (HTTP " + status
				+ "): the body is larger than " + maxBytes + " bytes, the most the credential reads", status, null,
				null, List.of(), null, null);
	}

}
