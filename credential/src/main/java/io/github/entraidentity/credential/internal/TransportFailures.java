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

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.credential.TokenTransportException.Kind;

/**
 * Turns the exceptions of Reactor Netty and WebClient into
 * {@link TokenTransportException}s that name the host and the kind of failure.
 *
 * @author Entra Identity contributors
 */
final class TransportFailures {

	private TransportFailures() {
	}

	static Throwable rootTransportCause(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; depth < 10 && current.getCause() != null; depth++) {
			if (isKnown(current)) {
				return current;
			}
			current = current.getCause();
		}
		return current;
	}

	private static boolean isKnown(Throwable failure) {
		return failure instanceof SSLException || failure instanceof UnknownHostException
				|| failure instanceof ConnectException || failure instanceof TimeoutException
				|| failure.getClass().getSimpleName().contains("Timeout");
	}

	static TokenTransportException toTransportException(Throwable failure, String host, int attempts) {
		return toTransportException(failure, host, host, attempts);
	}

	/**
	 * Turn a final failure into a transport exception whose message names the target,
	 * such as {@code the managed identity IMDS (169.254.169.254)}.
	 * @param failure the failure
	 * @param host the host, for the exception's host
	 * @param target what the message says the request went to
	 * @param attempts how many attempts were made
	 * @return the exception
	 */
	static TokenTransportException toTransportException(Throwable failure, String host, String target, int attempts) {
		if (failure instanceof RetryableStatusException status) {
			return new TokenTransportException(
					"Token request to " + target + " failed after " + attempts
							+ " attempt(s): the endpoint kept answering " + status.getMessage(),
					host, Kind.HTTP_STATUS, status.statusCode(), null);
		}
		Throwable cause = rootTransportCause(failure);
		Kind kind = kindOf(cause);
		String message = "Token request to " + target + " failed after " + attempts + " attempt(s): "
				+ describe(kind, cause);
		return new TokenTransportException(message, host, kind, 0, cause);
	}

	static Kind kindOf(Throwable cause) {
		if (cause instanceof SSLException) {
			return Kind.TLS;
		}
		if (cause instanceof UnknownHostException) {
			return Kind.UNKNOWN_HOST;
		}
		if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
			return Kind.TIMEOUT;
		}
		return Kind.CONNECTION;
	}

	private static String describe(Kind kind, Throwable cause) {
		String detail = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
		return switch (kind) {
			case TLS -> "TLS handshake failed, " + detail
					+ "; check that the endpoint's certificate is trusted (for example with an SSL bundle)";
			case UNKNOWN_HOST ->
				"the host name could not be resolved, " + detail + "; check the authority and DNS or proxy settings";
			case TIMEOUT ->
				"no response in time, " + detail + "; check network and proxy settings or raise the" + " timeouts";
			default -> "connection failed, " + detail + "; check network and proxy settings";
		};
	}

}
