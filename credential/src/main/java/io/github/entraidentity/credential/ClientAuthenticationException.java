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

package io.github.entraidentity.credential;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Authentication with Microsoft Entra ID failed: Entra answered with an error (such as
 * {@code invalid_client}), an unusable response, or the request was refused before it was
 * sent (such as a tenant the credential is not allowed to use).
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class ClientAuthenticationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** HTTP status of the answer, or 0 when there was none. */
	private final int statusCode;

	/** Entra's OAuth {@code error} code, when it answered with one. */
	private final @Nullable String error;

	/** Entra's {@code error_description}, when it answered with one. */
	private final @Nullable String errorDescription;

	/** Entra's numeric {@code error_codes} (AADSTS codes), empty when none. */
	private final List<Long> errorCodes;

	/** Entra's {@code trace_id}, when it answered with one. */
	private final @Nullable String traceId;

	/** Entra's {@code correlation_id}, when it answered with one. */
	private final @Nullable String correlationId;

	/**
	 * Create an exception that carries only a message, for failures without an HTTP
	 * response.
	 * @param message the message
	 */
	public ClientAuthenticationException(String message) {
		this(message, null);
	}

	/**
	 * Create an exception that carries only a message and a cause, for failures without
	 * an HTTP response.
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	public ClientAuthenticationException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = 0;
		this.error = null;
		this.errorDescription = null;
		this.errorCodes = List.of();
		this.traceId = null;
		this.correlationId = null;
	}

	/**
	 * Create an exception from an Entra error response.
	 * @param message the message
	 * @param statusCode the HTTP status code
	 * @param error the OAuth error code, such as {@code invalid_client}
	 * @param errorDescription Entra's description, usually starting with an AADSTS code
	 * @param errorCodes the numeric AADSTS codes
	 * @param traceId Entra's trace id
	 * @param correlationId Entra's correlation id
	 */
	public ClientAuthenticationException(String message, int statusCode, @Nullable String error,
			@Nullable String errorDescription, List<Long> errorCodes, @Nullable String traceId,
			@Nullable String correlationId) {
		super(message);
		this.statusCode = statusCode;
		this.error = error;
		this.errorDescription = errorDescription;
		this.errorCodes = List.copyOf(errorCodes);
		this.traceId = traceId;
		this.correlationId = correlationId;
	}

	/**
	 * Return the HTTP status code of Entra's response.
	 * @return the status code, or {@code 0} when no response was received
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Return the OAuth error code Entra sent, such as {@code invalid_client}.
	 * @return the error code or {@code null}
	 */
	public @Nullable String error() {
		return this.error;
	}

	/**
	 * Return Entra's error description, which usually starts with an AADSTS code.
	 * @return the description or {@code null}
	 */
	public @Nullable String errorDescription() {
		return this.errorDescription;
	}

	/**
	 * Return the numeric AADSTS error codes Entra sent, such as {@code 7000215}.
	 * @return the codes, possibly empty
	 */
	public List<Long> errorCodes() {
		return this.errorCodes;
	}

	/**
	 * Return Entra's trace id, which Microsoft support asks for.
	 * @return the trace id or {@code null}
	 */
	public @Nullable String traceId() {
		return this.traceId;
	}

	/**
	 * Return Entra's correlation id, which Microsoft support asks for.
	 * @return the correlation id or {@code null}
	 */
	public @Nullable String correlationId() {
		return this.correlationId;
	}

}
