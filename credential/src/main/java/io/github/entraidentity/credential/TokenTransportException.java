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

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint could not be reached or kept failing after all retries: a
 * connection, TLS, DNS or timeout failure, or a retryable HTTP status such as 503 or 429.
 * Not a {@link ClientAuthenticationException}, so callers can tell an outage from bad
 * credentials.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class TokenTransportException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Host the request was sent to. */
	private final String host;

	/** What kind of transport failure this is. */
	private final Kind kind;

	/** HTTP status of the answer, or 0 when there was none. */
	private final int statusCode;

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param host the host of the token endpoint
	 * @param kind the kind of failure
	 * @param statusCode the last HTTP status, or {@code 0} when none was received
	 * @param cause the cause, or {@code null}
	 */
	public TokenTransportException(String message, String host, Kind kind, int statusCode, @Nullable Throwable cause) {
		super(message, cause);
		this.host = host;
		this.kind = kind;
		this.statusCode = statusCode;
	}

	/**
	 * Return the host of the token endpoint that failed.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the kind of failure.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the last HTTP status received.
	 * @return the status, or {@code 0} when no response was received
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Kinds of transport failure.
	 */
	public enum Kind {

		/**
		 * The connection was refused, reset or closed early.
		 */
		CONNECTION("connection"),

		/**
		 * Connecting or waiting for the response took longer than allowed.
		 */
		TIMEOUT("timeout"),

		/**
		 * The TLS handshake failed, for example on an untrusted certificate.
		 */
		TLS("tls"),

		/**
		 * The host name could not be resolved.
		 */
		UNKNOWN_HOST("unknown_host"),

		/**
		 * The endpoint kept answering with a retryable HTTP status.
		 */
		HTTP_STATUS("http_status");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

		/**
		 * Return a short lower-case name, suitable as a metric tag value.
		 * @return the name
		 */
		public String tag() {
			return this.tag;
		}

	}

}
