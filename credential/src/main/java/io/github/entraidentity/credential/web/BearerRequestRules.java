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

package io.github.entraidentity.credential.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.github.entraidentity.credential.internal.Authority;
import org.jspecify.annotations.Nullable;

/**
 * The rules that {@link BearerTokenFilter} and {@link BearerTokenInterceptor} share, so
 * that the reactive and the blocking client authenticate requests the same way.
 *
 * @author Entra Identity contributors
 */
final class BearerRequestRules {

	private BearerRequestRules() {
	}

	/**
	 * Attach a token only where the URL says where it goes: a relative URL (resolved
	 * later, for example by an {@code HttpClient}'s base URL) or another scheme is
	 * refused, and plain {@code http} only reaches loopback unless allowed.
	 * @param url the request URL
	 * @param plainHttpAllowed whether plain HTTP to any host was allowed
	 * @param owner the class whose {@code withPlainHttpAllowed} the message names
	 */
	static void checkTransport(URI url, boolean plainHttpAllowed, Class<?> owner) {
		String scheme = url.getScheme();
		String host = url.getHost();
		if (scheme != null && scheme.equalsIgnoreCase("https") && host != null && !host.isEmpty()) {
			return;
		}
		String name = owner.getSimpleName();
		if (scheme == null || host == null || host.isEmpty()) {
			// The URL itself is not echoed: paths and queries may carry secrets
			throw new IllegalStateException(name + " refuses to attach a bearer token to a request whose URL"
					+ " has no scheme or host: use an absolute https:// URL, for example through the client"
					+ " builder's baseUrl(...), so that the " + name + " can check where the token goes");
		}
		if (!scheme.equalsIgnoreCase("http")) {
			throw new IllegalStateException(name + " refuses to attach a bearer token to a request with scheme '"
					+ scheme + "' to host " + host + ": only https (and plain http where allowed) is supported");
		}
		if (plainHttpAllowed || Authority.isLoopback(host)) {
			return;
		}
		throw new IllegalStateException(name + " refuses to send a bearer token over plain HTTP to host " + host
				+ ": use an https:// URL, or call withPlainHttpAllowed(true) on the " + name
				+ " if the connection is protected otherwise");
	}

	/**
	 * Return the tenant a request asked for through its tenant attribute.
	 * @param value the attribute's value
	 * @param attribute the attribute's name, for the message
	 * @return the tenant or {@code null} for the credential's own
	 */
	static @Nullable String requestedTenant(@Nullable Object value, String attribute) {
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new IllegalArgumentException("Request attribute " + attribute + " must be a String tenant id, but was a "
				+ value.getClass().getName());
	}

	/**
	 * Find a claims challenge among a {@code 401}'s {@code WWW-Authenticate} values.
	 * @param wwwAuthenticate the header values
	 * @return the challenge, empty when there is none or it cannot be used
	 */
	static Optional<ClaimsChallenge> findClaimsChallenge(@Nullable List<@Nullable String> wwwAuthenticate) {
		try {
			return ClaimsChallenge.find(wwwAuthenticate);
		}
		catch (RuntimeException ex) {
			// Whatever the header holds, the caller gets the 401 rather than an exception
			return Optional.empty();
		}
	}

}
