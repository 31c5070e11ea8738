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

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * How the emulator answers a token request, when a test scripts it with
 * {@link EntraEmulator#replyNext(EmulatorReply...)} or
 * {@link EntraEmulator#replyAlways(EmulatorReply)}: the normal answer, an Entra error, a
 * throttling or an outage, each optionally after a delay.
 * <p>
 * Scripted errors are the ones Entra gives for what the request named: an
 * {@link #unknownClient()} names the client id that was sent.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class EmulatorReply {

	private final Kind kind;

	private final @Nullable Function<TokenRequest, EntraError> error;

	private final HttpStatus status;

	private final Duration retryAfter;

	private final Duration delay;

	private EmulatorReply(Kind kind, @Nullable Function<TokenRequest, EntraError> error, HttpStatus status,
			Duration retryAfter, Duration delay) {
		this.kind = kind;
		this.error = error;
		this.status = status;
		this.retryAfter = retryAfter;
		this.delay = delay;
	}

	/**
	 * Answer as the emulator would without a script: check the request and issue a token
	 * or the error Entra gives.
	 * @return the reply
	 */
	public static EmulatorReply normal() {
		return new EmulatorReply(Kind.NORMAL, null, HttpStatus.OK, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Answer normally, but only after the given time: a slow token endpoint.
	 * @param delay how long to wait before answering
	 * @return the reply
	 */
	public static EmulatorReply slow(Duration delay) {
		return normal().after(delay);
	}

	/**
	 * Answer with the given Entra error, whatever the request.
	 * @param error the error
	 * @return the reply
	 */
	public static EmulatorReply error(EntraError error) {
		return new EmulatorReply(Kind.ERROR, (request) -> error, error.status(), Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Answer {@code 401 invalid_client} with {@code AADSTS7000215}, as for a wrong client
	 * secret.
	 * @return the reply
	 */
	public static EmulatorReply wrongSecret() {
		return requestError(HttpStatus.UNAUTHORIZED, (request) -> EntraError.invalidSecret(request.clientIdOrEmpty()));
	}

	/**
	 * Answer {@code 401 invalid_client} with {@code AADSTS7000222}, as for an expired
	 * client secret.
	 * @return the reply
	 */
	public static EmulatorReply expiredSecret() {
		return requestError(HttpStatus.UNAUTHORIZED, (request) -> EntraError.expiredSecret(request.clientIdOrEmpty()));
	}

	/**
	 * Answer {@code 400 invalid_request} with {@code AADSTS90002}, as for a tenant that
	 * does not exist.
	 * @return the reply
	 */
	public static EmulatorReply unknownTenant() {
		return requestError(HttpStatus.BAD_REQUEST, (request) -> EntraError.tenantNotFound(request.tenant()));
	}

	/**
	 * Answer {@code 400 unauthorized_client} with {@code AADSTS700016}, as for a client
	 * id that the tenant does not know.
	 * @return the reply
	 */
	public static EmulatorReply unknownClient() {
		return requestError(HttpStatus.BAD_REQUEST,
				(request) -> EntraError.applicationNotFound(request.clientIdOrEmpty(), request.tenant()));
	}

	/**
	 * Answer {@code 429 Too Many Requests} with a {@code Retry-After} header, as Entra
	 * does when it throttles a caller.
	 * @param retryAfter the time the caller is asked to wait, in whole seconds
	 * @return the reply
	 */
	public static EmulatorReply throttled(Duration retryAfter) {
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
		}
		return new EmulatorReply(Kind.THROTTLED,
				(request) -> EntraError.temporarilyUnavailable(HttpStatus.TOO_MANY_REQUESTS),
				HttpStatus.TOO_MANY_REQUESTS, retryAfter, Duration.ZERO);
	}

	/**
	 * Answer with a server error, as during an outage: {@code 500} and {@code 503} with
	 * Entra's {@code temporarily_unavailable} JSON, {@code 502} and {@code 504} with the
	 * HTML page of a gateway in front of it.
	 * @param status a 5xx status
	 * @return the reply
	 */
	public static EmulatorReply outage(int status) {
		HttpStatus httpStatus = HttpStatus.resolve(status);
		if (httpStatus == null || !httpStatus.is5xxServerError()) {
			throw new IllegalArgumentException("status must be a 5xx server error such as 503, but was " + status);
		}
		return new EmulatorReply(Kind.OUTAGE, (request) -> EntraError.temporarilyUnavailable(httpStatus), httpStatus,
				Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Return this reply, given only after the given time.
	 * @param delay how long to wait before answering
	 * @return the delayed reply
	 */
	public EmulatorReply after(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, but was " + delay);
		}
		return new EmulatorReply(this.kind, this.error, this.status, this.retryAfter, delay);
	}

	Kind kind() {
		return this.kind;
	}

	EntraError error(TokenRequest request) {
		if (this.error == null) {
			throw new IllegalStateException("A normal reply has no error");
		}
		return this.error.apply(request);
	}

	HttpStatus status() {
		return this.status;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	Duration delay() {
		return this.delay;
	}

	private static EmulatorReply requestError(HttpStatus status, Function<TokenRequest, EntraError> error) {
		return new EmulatorReply(Kind.ERROR, error, status, Duration.ZERO, Duration.ZERO);
	}

	@Override
	public String toString() {
		return "EmulatorReply[" + this.kind + ((this.kind != Kind.NORMAL) ? " " + this.status.value() : "")
				+ (this.delay.isZero() ? "" : " after " + this.delay) + "]";
	}

	enum Kind {

		NORMAL, ERROR, THROTTLED, OUTAGE

	}

}
