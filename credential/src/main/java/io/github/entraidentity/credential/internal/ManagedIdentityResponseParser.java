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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.CredentialUnavailableException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Reads a managed identity endpoint's response as it really comes: {@code expires_on} and
 * {@code expires_in} as numbers or strings of epoch seconds, or {@code expires_on} as a
 * date (older App Service answers), within the same lifetime bounds as Entra responses
 * ({@link TokenResponseParser}). Never lets a token or the identity header into a
 * message.
 *
 * @author Entra Identity contributors
 */
final class ManagedIdentityResponseParser {

	/**
	 * Tokens living at least this long are refreshed at half their lifetime when the
	 * endpoint sends no {@code refresh_in}, as MSAL does for managed identities.
	 */
	static final long HALF_LIFE_REFRESH_FROM_SECONDS = 7200;

	// The dates of the App Service API of 2017, such as "09/14/2017 00:00:00 PM +00:00"
	private static final List<DateTimeFormatter> DATES = List.of(
			DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a XXX", Locale.ROOT),
			DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss XXX", Locale.ROOT));

	private final ManagedIdentityEndpoint endpoint;

	private final ManagedIdentityId identity;

	private final String secret;

	ManagedIdentityResponseParser(ManagedIdentityEndpoint endpoint, ManagedIdentityId identity) {
		this.endpoint = endpoint;
		this.identity = identity;
		String header = endpoint.identityHeader();
		this.secret = (header != null) ? header : "";
	}

	/**
	 * Return whether a status is worth another attempt: 404 (IMDS is still starting or
	 * its identity not yet there), 408, 410 (IMDS is being updated), 429 and 5xx.
	 * @param status the status
	 * @return whether to retry
	 */
	static boolean isRetryableStatus(int status) {
		return status == 404 || status == 408 || status == 410 || status == 429 || (status >= 500 && status < 600);
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
	 * @throws ClientAuthenticationException when the endpoint refuses the request or
	 * answers something unusable
	 * @throws RetryableStatusException on a retryable status
	 */
	AccessToken parse(int status, HttpHeaders headers, byte[] body, long requestStartMillis, long nowMillis) {
		JsonNode json = TokenResponseParser.readJson(body);
		if (isRetryableStatus(status)) {
			throw new RetryableStatusException(status, RetryPolicy.retryAfter(headers, nowMillis),
					errorDetail(json, body));
		}
		if (status != 200) {
			throw refused(status, json, body);
		}
		if (json == null || !json.isObject()) {
			throw unexpected(status, body, "the body is not a JSON object");
		}
		JsonNode accessToken = json.get("access_token");
		if (accessToken == null || !accessToken.isString() || accessToken.stringValue().isEmpty()) {
			throw unexpected(status, body, "it has no access_token");
		}
		Instant expiresOn = expiresOn(json, status, body, requestStartMillis);
		JsonNode tokenType = json.get("token_type");
		String type = (tokenType != null && tokenType.isString() && !tokenType.stringValue().isBlank())
				? tokenType.stringValue() : "Bearer";
		return new AccessToken(accessToken.stringValue(), expiresOn, type,
				refreshOn(json, requestStartMillis, expiresOn));
	}

	private Instant expiresOn(JsonNode json, int status, byte[] body, long requestStartMillis) {
		long requestStartSeconds = requestStartMillis / 1000;
		Long expiresOn = epochSeconds(json.get("expires_on"));
		if (expiresOn != null && expiresOn > requestStartSeconds
				&& expiresOn - requestStartSeconds <= TokenResponseParser.MAX_EXPIRES_IN_SECONDS) {
			return Instant.ofEpochSecond(expiresOn);
		}
		Long expiresIn = TokenResponseParser.seconds(json.get("expires_in"));
		if (expiresIn != null && TokenResponseParser.isLifetime(expiresIn)) {
			return Instant.ofEpochMilli(requestStartMillis).plusSeconds(expiresIn);
		}
		throw unexpected(status, body, "neither expires_on nor expires_in gives a lifetime within 1.."
				+ TokenResponseParser.MAX_EXPIRES_IN_SECONDS + " seconds after the request");
	}

	// A server-sent refresh_in wins; otherwise long-lived tokens are refreshed at half
	// their lifetime (the pipeline's refresh offset would leave a day-long token until
	// its last minutes, when IMDS may be in a 410 window)
	private static @Nullable Instant refreshOn(JsonNode json, long requestStartMillis, Instant expiresOn) {
		Instant start = Instant.ofEpochMilli(requestStartMillis);
		Long refreshIn = TokenResponseParser.seconds(json.get("refresh_in"));
		if (refreshIn != null && TokenResponseParser.isLifetime(refreshIn)) {
			Instant refreshOn = start.plusSeconds(refreshIn);
			return refreshOn.isAfter(expiresOn) ? expiresOn : refreshOn;
		}
		long lifetimeMillis = expiresOn.toEpochMilli() - requestStartMillis;
		return (lifetimeMillis >= HALF_LIFE_REFRESH_FROM_SECONDS * 1000) ? start.plusMillis(lifetimeMillis / 2) : null;
	}

	private static @Nullable Long epochSeconds(@Nullable JsonNode node) {
		Long seconds = TokenResponseParser.seconds(node);
		if (seconds != null || node == null || !node.isString()) {
			return seconds;
		}
		String text = node.stringValue().strip();
		for (DateTimeFormatter format : DATES) {
			try {
				return OffsetDateTime.parse(text, format).toEpochSecond();
			}
			catch (DateTimeParseException ex) {
				// try the next form
			}
		}
		try {
			return OffsetDateTime.parse(text).toEpochSecond();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private ClientAuthenticationException refused(int status, @Nullable JsonNode json, byte[] body) {
		String detail = errorDetail(json, body);
		String source = this.endpoint.kind().displayName();
		if (status == 400) {
			// Both endpoints answer 400 for an identity the resource does not have
			String hint = (this.identity.kind() == ManagedIdentityId.Kind.SYSTEM_ASSIGNED)
					? "turn on the system-assigned identity of this resource, or configure a user-assigned one"
					: "check that the " + this.identity.describe() + " identity is assigned to this resource";
			return new CredentialUnavailableException("The managed identity " + source + " refused the request (HTTP "
					+ status + "): " + detail + "; " + hint + ".");
		}
		return new ClientAuthenticationException(
				"The managed identity " + source + " refused the request (HTTP " + status + "): " + detail, status,
				scrub(text(json, "error")), scrub(text(json, "error_description")), List.of(), null, null);
	}

	private String errorDetail(@Nullable JsonNode json, byte[] body) {
		if (json != null && json.isObject()) {
			String error = text(json, "error");
			String description = text(json, "error_description");
			String message = text(json, "message");
			if (error != null) {
				return scrub("'" + error + "'" + ((description != null) ? " " + description : ""));
			}
			if (message != null) {
				return scrub(message);
			}
		}
		return ResponseExcerpt.of(body, this.secret);
	}

	private @Nullable String scrub(@Nullable String text) {
		return (text == null) ? null : ResponseExcerpt.maskJwts(ResponseExcerpt.mask(text, this.secret));
	}

	private static @Nullable String text(@Nullable JsonNode json, String field) {
		JsonNode node = (json != null) ? json.get(field) : null;
		if (node == null || node.isNull()) {
			return null;
		}
		// App Service may nest its error: {"error": {"code": ..., "message": ...}}
		if (node.isObject()) {
			JsonNode message = node.get("message");
			return (message != null && !message.isNull()) ? message.asString() : node.toString();
		}
		return node.asString();
	}

	private ClientAuthenticationException unexpected(int status, byte[] body, String why) {
		return new ClientAuthenticationException(
				"Unexpected response from the managed identity " + this.endpoint.kind().displayName() + " (HTTP "
						+ status + "): " + why + ". Body: " + ResponseExcerpt.of(body, this.secret),
				status, null, null, List.of(), null, null);
	}

	ClientAuthenticationException tooLarge(int status, int maxBytes) {
		return new ClientAuthenticationException(
				"Unexpected response from the managed identity " + this.endpoint.kind().displayName() + " (HTTP "
						+ status + "): the body is larger than " + maxBytes + " bytes, the most the credential reads",
				status, null, null, List.of(), null, null);
	}

}
