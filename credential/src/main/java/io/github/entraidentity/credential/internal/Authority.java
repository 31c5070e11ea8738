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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;

/**
 * A validated Entra authority such as {@code https://login.microsoftonline.com}: https
 * (or http to a loopback host, for emulators and tests), a port within 1..65535, no user
 * info, query or fragment, no trailing slash. The library's one rule for authorities and
 * for loopback hosts.
 *
 * @param url the normalized authority URL
 * @param host the host, used in messages
 * @author Entra Identity contributors
 */
public record Authority(String url, String host) {

	private static final Pattern HOST_AND_PORT = Pattern
		.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.\\-]+)(:\\d{1,5})?(/.*)?$");

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");

	/**
	 * What to do about an invalid authority, shared by every report of one.
	 */
	static final String ACTION = "Use an https URL or host such as " + AzureAuthorityHosts.AZURE_PUBLIC_CLOUD + ", "
			+ AzureAuthorityHosts.AZURE_GOVERNMENT + " or " + AzureAuthorityHosts.AZURE_CHINA
			+ " (plain http only for loopback hosts such as localhost), or leave it unset for the public cloud.";

	private static final int MAX_ECHOED_SCHEME_LENGTH = 10;

	/**
	 * Parse and normalize an authority as Microsoft's libraries do: a missing scheme
	 * becomes {@code https://}, surrounding spaces and trailing {@code /} are removed.
	 * @param value the authority
	 * @return the authority
	 * @throws InvalidCredentialSettingsException naming the {@code authority} setting if
	 * the value is not a usable authority; the value itself is never echoed (it may hold
	 * user info, or be a secret configured in the wrong place)
	 */
	public static Authority parse(String value) {
		return parse(value, "authority");
	}

	/**
	 * Parse and normalize an authority, reporting problems under the given setting name.
	 * @param value the authority
	 * @param setting the setting's name in reports
	 * @return the authority
	 * @throws InvalidCredentialSettingsException if the value is not a usable authority
	 */
	public static Authority parse(String value, String setting) {
		String trimmed = stripTrailing(value.strip());
		if (trimmed.isEmpty()) {
			throw invalid(setting, "it is empty");
		}
		String url = trimmed;
		if (!trimmed.contains("://")) {
			var scheme = SCHEME.matcher(trimmed);
			if (scheme.find() && !HOST_AND_PORT.matcher(trimmed).matches()) {
				throw invalid(setting, unsupportedScheme(scheme.group(1)));
			}
			url = "https://" + trimmed;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			// The reason names the problem; the input it also holds is not echoed.
			throw invalid(setting, "it is not a valid URL (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw invalid(setting, unsupportedScheme(scheme));
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw invalid(setting, "it has no host");
		}
		if (uri.getRawUserInfo() != null) {
			// The user info may be a password: never echo it.
			throw invalid(setting, "it must not contain user info (user:password@)");
		}
		int port = uri.getPort();
		if (port != -1 && (port < 1 || port > 65535)) {
			throw invalid(setting, "its port " + port + " is outside 1..65535");
		}
		if (uri.getRawQuery() != null) {
			throw invalid(setting, "it must not contain a query");
		}
		if (uri.getRawFragment() != null) {
			throw invalid(setting, "it must not contain a fragment");
		}
		if (scheme.equals("http") && !isLoopback(host)) {
			throw invalid(setting, "it must be a TLS protected (https) URL, token requests carry the client secret;"
					+ " plain http is accepted only for loopback hosts such as localhost");
		}
		return new Authority(url, host);
	}

	private static String unsupportedScheme(String scheme) {
		// A short scheme helps ('ftp'); a long one may be a secret that contains ':'.
		return (scheme.length() <= MAX_ECHOED_SCHEME_LENGTH)
				? "the scheme '" + scheme.toLowerCase(Locale.ROOT) + "' is not supported"
				: "its scheme is not supported";
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
	public String canonical() {
		URI uri = URI.create(this.url);
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https"))
				|| (port == 80 && scheme.equals("http"));
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return scheme + "://" + this.host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
	}

	/**
	 * Return whether a host is a loopback host: {@code localhost}, {@code 127.x.x.x},
	 * {@code ::1} or {@code [::1]}.
	 * @param host the host, as {@link URI#getHost()} returns it or bare
	 * @return whether it is a loopback host
	 */
	public static boolean isLoopback(String host) {
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

	private static InvalidCredentialSettingsException invalid(String setting, String reason) {
		return InvalidCredentialSettingsException.of(setting, "is an invalid authority: " + reason, ACTION);
	}

}
