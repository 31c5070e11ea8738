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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import org.jspecify.annotations.Nullable;

/**
 * Where a managed identity's tokens come from, detected from the variables the platform
 * sets, in the order azure-identity and MSAL4J check them: Service Fabric, App Service
 * (also Functions and Container Apps), Azure Arc and Cloud Shell, else IMDS. Only App
 * Service and IMDS are supported: an environment that shows another source is reported,
 * never taken for IMDS, whose requests would then time out.
 *
 * @param kind the kind of endpoint
 * @param uri the token endpoint, without query
 * @param identityHeader the App Service {@code X-IDENTITY-HEADER} value (a secret), or
 * {@code null} for IMDS
 * @param fromEnvironment which variable set the address, for messages, or {@code null}
 * for the default IMDS address
 * @author Entra Identity contributors
 */
public record ManagedIdentityEndpoint(Kind kind, URI uri, @Nullable String identityHeader,
		@Nullable String fromEnvironment) {

	/**
	 * The address of IMDS unless {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} moves it.
	 */
	public static final String IMDS_HOST = "http://169.254.169.254";

	static final String IMDS_PATH = "/metadata/identity/oauth2/token";

	private static final String SUPPORTED = "This credential supports the App Service endpoint (IDENTITY_ENDPOINT and"
			+ " IDENTITY_HEADER, also on Functions and Container Apps) and IMDS (VMs, scale sets, AKS node identities).";

	/**
	 * Detect the endpoint from the environment.
	 * @param environment reads a variable, {@code null} when it is not set
	 * @return the endpoint
	 * @throws InvalidCredentialSettingsException when the environment shows a source this
	 * credential does not support, or its variables are malformed
	 */
	public static ManagedIdentityEndpoint detect(Function<String, @Nullable String> environment) {
		String identityEndpoint = variable(environment, "IDENTITY_ENDPOINT");
		String identityHeader = variable(environment, "IDENTITY_HEADER");
		if (identityEndpoint != null && variable(environment, "IDENTITY_SERVER_THUMBPRINT") != null) {
			throw unsupported("IDENTITY_ENDPOINT and IDENTITY_SERVER_THUMBPRINT", "Azure Service Fabric");
		}
		if (identityEndpoint != null && variable(environment, "IMDS_ENDPOINT") != null) {
			throw unsupported("IDENTITY_ENDPOINT and IMDS_ENDPOINT", "Azure Arc");
		}
		if (identityEndpoint != null) {
			if (identityHeader == null) {
				throw InvalidCredentialSettingsException.of("environment (IDENTITY_ENDPOINT)",
						"is set without IDENTITY_HEADER, which the App Service managed identity endpoint requires",
						"Turn the managed identity on for the app (the platform then sets both), or unset"
								+ " IDENTITY_ENDPOINT to use IMDS.");
			}
			return new ManagedIdentityEndpoint(Kind.APP_SERVICE, address(identityEndpoint, "IDENTITY_ENDPOINT"),
					identityHeader, "IDENTITY_ENDPOINT");
		}
		if (variable(environment, "MSI_ENDPOINT") != null) {
			throw unsupported("MSI_ENDPOINT", "Azure Cloud Shell (or the App Service API of 2017)");
		}
		String podIdentityHost = variable(environment, "AZURE_POD_IDENTITY_AUTHORITY_HOST");
		if (podIdentityHost != null) {
			URI host = address(podIdentityHost, "AZURE_POD_IDENTITY_AUTHORITY_HOST");
			String base = stripTrailingSlashes(host.toString());
			return new ManagedIdentityEndpoint(Kind.IMDS, URI.create(base + IMDS_PATH), null,
					"AZURE_POD_IDENTITY_AUTHORITY_HOST");
		}
		return new ManagedIdentityEndpoint(Kind.IMDS, URI.create(IMDS_HOST + IMDS_PATH), null, null);
	}

	/**
	 * Return the host tokens come from, for messages.
	 * @return the host
	 */
	public String host() {
		return this.uri.getHost();
	}

	/**
	 * Return the address of a token request.
	 * @param resource the resource the token is for
	 * @param identity which identity the token is for
	 * @return the address
	 */
	URI requestUri(String resource, ManagedIdentityId identity) {
		StringBuilder query = new StringBuilder(128);
		query.append("api-version=").append(this.kind.apiVersion);
		append(query, "resource", resource);
		String parameter = identity.parameter(this.kind);
		if (parameter != null) {
			append(query, parameter, identity.value());
		}
		return URI.create(this.uri + "?" + query);
	}

	/**
	 * Describe the endpoint for diagnostics, never the identity header.
	 * @return the description
	 */
	public String describe() {
		return this.kind.displayName + " " + this.uri
				+ ((this.fromEnvironment != null) ? " (from " + this.fromEnvironment + ")" : "");
	}

	@Override
	public String toString() {
		return "ManagedIdentityEndpoint[" + describe() + "]";
	}

	private static void append(StringBuilder query, String name, String value) {
		query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	private static @Nullable String variable(Function<String, @Nullable String> environment, String name) {
		String value = environment.apply(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static URI address(String value, String variable) {
		String action = "Set it to the http URL the platform gives (loopback or link-local), or an https URL.";
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			// The reason names the problem; the value is not echoed
			throw InvalidCredentialSettingsException.of("environment (" + variable + ")",
					"is not a valid URL (" + ex.getReason() + ")", action);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = uri.getHost();
		if (host == null || !(scheme.equals("https") || (scheme.equals("http") && isLocal(host)))) {
			throw InvalidCredentialSettingsException.of("environment (" + variable + ")",
					"is neither an https URL nor an http URL on a loopback or link-local host", action);
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw InvalidCredentialSettingsException.of("environment (" + variable + ")",
					"must not contain user info, a query or a fragment", action);
		}
		return uri;
	}

	// Managed identity endpoints are on the machine or next to it: a plain-http address
	// elsewhere would send the identity header and tokens across a network in clear
	private static boolean isLocal(String host) {
		return Authority.isLoopback(host) || host.startsWith("169.254.") || host.equals("[fd00:ec2::254]");
	}

	private static String stripTrailingSlashes(String value) {
		int end = value.length();
		while (end > 0 && value.charAt(end - 1) == '/') {
			end--;
		}
		return value.substring(0, end);
	}

	private static InvalidCredentialSettingsException unsupported(String variables, String source) {
		return InvalidCredentialSettingsException.of("environment (" + variables + ")",
				"shows a " + source + " managed identity endpoint, which this credential does not support",
				SUPPORTED + " Use a workload identity, certificate or client assertion credential there, or unset"
						+ " the variables if they do not belong to this platform.");
	}

	/**
	 * The kinds of managed identity endpoint supported, with what their requests need.
	 */
	public enum Kind {

		/**
		 * App Service, Functions and Container Apps: {@code IDENTITY_ENDPOINT} with the
		 * {@code X-IDENTITY-HEADER} header.
		 */
		APP_SERVICE("App Service endpoint", "2019-08-01", "mi_res_id"),

		/**
		 * The Azure Instance Metadata Service of VMs, scale sets and AKS nodes.
		 */
		IMDS("IMDS", "2018-02-01", "msi_res_id");

		private final String displayName;

		private final String apiVersion;

		private final String resourceIdParameter;

		Kind(String displayName, String apiVersion, String resourceIdParameter) {
			this.displayName = displayName;
			this.apiVersion = apiVersion;
			this.resourceIdParameter = resourceIdParameter;
		}

		/**
		 * Return the name the source goes by in messages.
		 * @return the name
		 */
		public String displayName() {
			return this.displayName;
		}

		String resourceIdParameter() {
			return this.resourceIdParameter;
		}

	}

}
