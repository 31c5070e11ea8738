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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated Entra authority such as {@code https://login.microsoftonline.com}: https
 * (or http to a loopback host, for emulators and tests), no user info, query or fragment,
 * no trailing slash.
 *
 * @param url the normalized authority URL
 * @param host the host, used in messages
 * @author Entra Identity contributors
 */
record Authority(String url, String host) {

	private static final Pattern HOST_AND_PORT = Pattern
		.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.\\-]+)(:\\d{1,5})?(/.*)?$");

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");

	/**
	 * Parse and normalize an authority as Microsoft's libraries do: a missing scheme
	 * becomes {@code https://}, surrounding spaces and trailing {@code /} are removed.
	 * @param value the authority
	 * @return the authority
	 * @throws IllegalArgumentException if the value is not a usable authority
	 */
	static Authority parse(String value) {
		String trimmed = stripTrailing(value.strip());
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("Authority must not be empty; use a host such as "
					+ AzureAuthorityHosts.AZURE_PUBLIC_CLOUD + " or leave it unset for the public cloud");
		}
		String url = trimmed;
		if (!trimmed.contains("://")) {
			var scheme = SCHEME.matcher(trimmed);
			if (scheme.find() && !HOST_AND_PORT.matcher(trimmed).matches()) {
				throw invalid(value, "the scheme '" + scheme.group(1) + "' is not supported");
			}
			url = "https://" + trimmed;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw invalid(value, "it is not a valid URL (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw invalid(value, "it has no host");
		}
		if (uri.getRawUserInfo() != null) {
			// The user info may be a password: never echo the value.
			throw new IllegalArgumentException(
					"The authority is invalid: it must not contain user info (user:password@)."
							+ " Use an https URL or host such as " + AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
		}
		if (uri.getPort() > 65535) {
			throw invalid(value, "the port " + uri.getPort() + " is out of range");
		}
		if (uri.getRawQuery() != null) {
			throw invalid(value, "it must not contain a query");
		}
		if (uri.getRawFragment() != null) {
			throw invalid(value, "it must not contain a fragment");
		}
		if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
			throw new IllegalArgumentException(
					"'" + value + "' is an invalid authority. The value must be a TLS protected (https) URL"
							+ " (plain http is accepted only for loopback hosts such as localhost)");
		}
		return new Authority(url, host);
	}

	/**
	 * Return the token endpoint URL for a tenant.
	 * @param tenantId a validated tenant
	 * @return the token endpoint URL
	 */
	String tokenEndpoint(String tenantId) {
		return this.url + "/" + tenantId + "/oauth2/v2.0/token";
	}

	/**
	 * Return the authority in one form whatever way it was written, for keys: lower-case
	 * scheme and host, the port only when it is not the scheme's default, then the path.
	 * @return the canonical authority
	 */
	String canonical() {
		URI uri = URI.create(this.url);
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https"))
				|| (port == 80 && scheme.equals("http"));
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return scheme + "://" + this.host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
	}

	static boolean isLoopback(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.equals("[::1]") || lower.equals("::1")
				|| lower.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	private static String stripTrailing(String value) {
		int end = value.length();
		while (end > 0 && (value.charAt(end - 1) == '/' || value.charAt(end - 1) == ' ')) {
			end--;
		}
		return value.substring(0, end);
	}

	private static IllegalArgumentException invalid(String value, String reason) {
		return new IllegalArgumentException("'" + value + "' is an invalid authority: " + reason
				+ ". Use an https URL or host such as " + AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
	}

}
