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

package io.github.entraidentity.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * An error the way Entra's token endpoint answers it: an OAuth {@code error}, an
 * {@code AADSTS} code and a description that embeds trace id, correlation id and
 * timestamp. The factories give the errors an application meets with the client
 * credentials grant; {@link EmulatorReply#error(EntraError)} makes the emulator answer
 * one.
 *
 * @param status the HTTP status
 * @param error the OAuth 2.0 error code, such as {@code invalid_client}
 * @param code the AADSTS number, such as {@code 7000215}
 * @param message the text after {@code AADSTSnnnn: }
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record EntraError(HttpStatus status, String error, long code, String message) {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Return the error Entra gives when the tenant does not exist (or is in another
	 * cloud): {@code AADSTS90002}.
	 * @param tenant the tenant the request named
	 * @return the error
	 */
	public static EntraError tenantNotFound(String tenant) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_request", 90002, "Tenant '" + tenant
				+ "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
	}

	/**
	 * Return the error Entra gives when a required form parameter is missing:
	 * {@code AADSTS900144}.
	 * @param name the parameter
	 * @return the error
	 */
	public static EntraError missingParameter(String name) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_request", 900144,
				"The request body must contain the following parameter: '" + name + "'.");
	}

	/**
	 * Return the error Entra gives when the grant type is not supported:
	 * {@code AADSTS70003}.
	 * @param grantType the grant type the request named
	 * @return the error
	 */
	public static EntraError unsupportedGrantType(String grantType) {
		return new EntraError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", 70003,
				"The app requested an unsupported grant type '" + grantType + "'.");
	}

	/**
	 * Return the error Entra gives when the scope is not {@code <resource>/.default}:
	 * {@code AADSTS70011}.
	 * @param scope the scope the request named
	 * @return the error
	 */
	public static EntraError invalidScope(String scope) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_scope", 70011,
				"The provided value for the input parameter 'scope' is not valid. The scope " + scope
						+ " is not valid. Client credential flows must have a scope value with /.default"
						+ " suffixed to the resource identifier (application ID URI).");
	}

	/**
	 * Return the error Entra gives when no resource has this application id URI in the
	 * tenant: {@code AADSTS500011}.
	 * @param resource the resource
	 * @param tenant the tenant
	 * @return the error
	 */
	public static EntraError resourceNotFound(String resource, String tenant) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_resource", 500011, "The resource principal named "
				+ resource + " was not found in the tenant named " + tenant
				+ ". This can happen if the application has not been installed by the administrator of the tenant or"
				+ " consented to by any user in the tenant. You might have sent your authentication request to the"
				+ " wrong tenant.");
	}

	/**
	 * Return the error Entra gives when no application has this client id in the tenant:
	 * {@code AADSTS700016}.
	 * @param clientId the client id the request named
	 * @param tenant the tenant
	 * @return the error
	 */
	public static EntraError applicationNotFound(String clientId, String tenant) {
		return new EntraError(HttpStatus.BAD_REQUEST, "unauthorized_client", 700016,
				"Application with identifier '" + clientId + "' was not found in the directory '" + tenant
						+ "'. This can happen if the application has not been installed by the administrator of the"
						+ " tenant or consented to by any user in the tenant. You may have sent your authentication"
						+ " request to the wrong tenant.");
	}

	/**
	 * Return the error Entra gives when the request carries no client secret:
	 * {@code AADSTS7000216}.
	 * @return the error
	 */
	public static EntraError missingSecret() {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 7000216,
				"'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
	}

	/**
	 * Return the error Entra gives when the client secret is wrong (or is the secret's
	 * ID): {@code AADSTS7000215}.
	 * @param clientId the application's client id
	 * @return the error
	 */
	public static EntraError invalidSecret(String clientId) {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 7000215,
				"Invalid client secret provided. Ensure the secret being sent in the request is the client secret"
						+ " value, not the client secret ID, for a secret added to app '" + clientId + "'.");
	}

	/**
	 * Return the error Entra gives for a client assertion it cannot parse:
	 * {@code AADSTS50027}.
	 * @return the error
	 */
	public static EntraError malformedAssertion() {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 50027, "JWT token is invalid or malformed.");
	}

	/**
	 * Return the error Entra gives when the certificate of a client assertion is not
	 * registered for the app: {@code AADSTS700027}.
	 * @param clientId the application's client id
	 * @return the error
	 */
	public static EntraError assertionKeyNotFound(String clientId) {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 700027,
				"Client assertion failed signature validation. (Reason - The key was not found.) for app '" + clientId
						+ "'.");
	}

	/**
	 * Return the error Entra gives when a client assertion's signature does not verify:
	 * {@code AADSTS700027}.
	 * @return the error
	 */
	public static EntraError invalidAssertionSignature() {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 700027,
				"Client assertion contains an invalid signature.");
	}

	/**
	 * Return the error Entra gives when a client assertion's issuer or subject is not the
	 * client id: {@code AADSTS700021}.
	 * @return the error
	 */
	public static EntraError assertionClientMismatch() {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 700021,
				"Client assertion application identifier doesn't match 'client_id' parameter.");
	}

	/**
	 * Return the error Entra gives when a client assertion's audience is not its token
	 * endpoint: {@code AADSTS700212}.
	 * @param audience the expected audience
	 * @return the error
	 */
	public static EntraError assertionAudienceInvalid(String audience) {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 700212,
				"No matching federated identity record found for presented assertion audience. The audience must be '"
						+ audience + "'.");
	}

	/**
	 * Return the error Entra gives for an expired (or not yet valid) client assertion:
	 * {@code AADSTS700024}.
	 * @return the error
	 */
	public static EntraError assertionExpired() {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_client", 700024,
				"Client assertion is not within its valid time range.");
	}

	/**
	 * Return the error Entra gives for a federated token of an issuer no federated
	 * credential names: {@code AADSTS700211}.
	 * @param issuer the token's issuer
	 * @return the error
	 */
	public static EntraError noFederatedIssuer(String issuer) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_request", 700211,
				"No matching federated identity record found for presented assertion issuer '" + issuer + "'.");
	}

	/**
	 * Return the error Entra gives for a federated token of a subject no federated
	 * credential names: {@code AADSTS700213}.
	 * @param subject the token's subject
	 * @return the error
	 */
	public static EntraError noFederatedSubject(String subject) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_request", 700213,
				"No matching federated identity record found for presented assertion subject '" + subject + "'.");
	}

	/**
	 * Return the error Entra gives for a federated token whose audience is not
	 * {@code api://AzureADTokenExchange}: {@code AADSTS700212}.
	 * @param audience the token's audience
	 * @return the error
	 */
	public static EntraError noFederatedAudience(String audience) {
		return new EntraError(HttpStatus.BAD_REQUEST, "invalid_request", 700212,
				"No matching federated identity record found for presented assertion audience '" + audience + "'.");
	}

	/**
	 * Return the error Entra gives when the client secret has expired:
	 * {@code AADSTS7000222}.
	 * @param clientId the application's client id
	 * @return the error
	 */
	public static EntraError expiredSecret(String clientId) {
		return new EntraError(HttpStatus.UNAUTHORIZED, "invalid_client", 7000222, "The provided client secret keys for"
				+ " app '" + clientId + "' are expired. Visit the Azure portal to create new keys for your app:"
				+ " https://aka.ms/NewClientSecret, or consider using certificate credentials for added security:"
				+ " https://aka.ms/certCreds.");
	}

	/**
	 * Return the error Entra's token service gives while it sheds load or is briefly
	 * unavailable: {@code temporarily_unavailable} with {@code AADSTS90033}.
	 * @param status the HTTP status, such as {@code 429} or {@code 503}
	 * @return the error
	 */
	public static EntraError temporarilyUnavailable(HttpStatus status) {
		return new EntraError(status, "temporarily_unavailable", 90033,
				"A transient error has occurred. Please try again.");
	}

	/**
	 * Return the JSON body Entra sends for this error.
	 * @param now the current time
	 * @param correlationId the caller's {@code client-request-id}, or a new id
	 * @param baseUrl the emulator's base URL, for {@code error_uri}
	 * @return the body
	 */
	Map<String, Object> body(Instant now, String correlationId, String baseUrl) {
		String traceId = UUID.randomUUID().toString();
		String timestamp = TIMESTAMP.format(now);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", this.error);
		body.put("error_description", "AADSTS" + this.code + ": " + this.message + " Trace ID: " + traceId
				+ " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
		body.put("error_codes", List.of(this.code));
		body.put("timestamp", timestamp);
		body.put("trace_id", traceId);
		body.put("correlation_id", correlationId);
		body.put("error_uri", baseUrl + "/error?code=" + this.code);
		return body;
	}

}
