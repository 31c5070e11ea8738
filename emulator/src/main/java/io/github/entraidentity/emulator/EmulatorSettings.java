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
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link EntraEmulator} knows when it starts: one tenant, one app registration
 * with its client secret, the resources it issues tokens for, the token lifetime and the
 * issuer. Start from {@link #defaults()} and change what matters to your test.
 *
 * @param tenantId the only tenant the emulator knows (requests for others get
 * {@code AADSTS90002})
 * @param clientId the only application (client) id the emulator knows (others get
 * {@code AADSTS700016})
 * @param clientSecret the application's client secret (others get {@code AADSTS7000215})
 * @param resources the application id URIs tokens may be requested for, such as
 * {@code api://my-api} or {@code https://storage.azure.com}; empty for any resource
 * (unknown resources get {@code AADSTS500011})
 * @param tokenLifetime how long issued tokens are valid
 * @param issuer the {@code iss} of issued tokens, or {@code null} for the emulator's v2.0
 * issuer {@code <authority>/<tenant>/v2.0}; see {@link #withStsIssuer()} for the v1.0
 * issuer that Azure services such as Storage check
 * @param port the loopback port to listen on, {@code 0} for any free port
 * @param https whether to serve HTTPS, with a certificate for {@code 127.0.0.1} and
 * {@code localhost} that clients trust through {@link EntraEmulator#TRUST_STORE_LOCATION}
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record EmulatorSettings(String tenantId, String clientId, String clientSecret, List<String> resources,
		Duration tokenLifetime, @Nullable String issuer, int port, boolean https) {

	/**
	 * Tenant id of {@link #defaults()}.
	 */
	public static final String DEFAULT_TENANT_ID = "8d5c3f0e-4b1a-4f7e-9c2d-6a0b1e3f5d7c";

	/**
	 * Client id of {@link #defaults()}.
	 */
	public static final String DEFAULT_CLIENT_ID = "3b9e7d1c-2a4f-4c6e-8b0d-9f1a3c5e7b20";

	/**
	 * Client secret of {@link #defaults()}: characters that a form body must encode, on
	 * purpose.
	 */
	public static final String DEFAULT_CLIENT_SECRET = "emulator~Secret+/=&%20value";

	/**
	 * Validate the settings.
	 * @param tenantId the tenant id
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param resources the resources, empty for any
	 * @param tokenLifetime the token lifetime
	 * @param issuer the issuer or {@code null}
	 * @param port the port or {@code 0}
	 * @param https whether to serve HTTPS
	 */
	public EmulatorSettings {
		requireText(tenantId, "tenantId", "a tenant id such as " + DEFAULT_TENANT_ID);
		requireText(clientId, "clientId", "an application (client) id such as " + DEFAULT_CLIENT_ID);
		if (clientSecret == null || clientSecret.isEmpty()) {
			throw new IllegalArgumentException("clientSecret must not be empty; give the secret the app will send");
		}
		resources = List.copyOf(resources);
		resources.forEach((resource) -> requireText(resource, "resources",
				"application id URIs without /.default, such as api://my-api"));
		if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.toSeconds() < 1) {
			throw new IllegalArgumentException(
					"tokenLifetime must be at least one second, such as Duration.ofHours(1)");
		}
		if (issuer != null && issuer.isBlank()) {
			throw new IllegalArgumentException("issuer must not be blank; use null for the emulator's own issuer");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, but was " + port);
		}
	}

	/**
	 * Return the default settings: a fixed tenant, client id and secret, tokens for any
	 * resource, valid for one hour (as Entra's usually are), on any free port.
	 * @return the default settings
	 */
	public static EmulatorSettings defaults() {
		return new EmulatorSettings(DEFAULT_TENANT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, List.of(),
				Duration.ofHours(1), null, 0, false);
	}

	/**
	 * Return a copy with another tenant id.
	 * @param tenantId the tenant id
	 * @return the new settings
	 */
	public EmulatorSettings withTenantId(String tenantId) {
		return new EmulatorSettings(tenantId, this.clientId, this.clientSecret, this.resources, this.tokenLifetime,
				this.issuer, this.port, this.https);
	}

	/**
	 * Return a copy with another client id.
	 * @param clientId the client id
	 * @return the new settings
	 */
	public EmulatorSettings withClientId(String clientId) {
		return new EmulatorSettings(this.tenantId, clientId, this.clientSecret, this.resources, this.tokenLifetime,
				this.issuer, this.port, this.https);
	}

	/**
	 * Return a copy with another client secret.
	 * @param clientSecret the client secret
	 * @return the new settings
	 */
	public EmulatorSettings withClientSecret(String clientSecret) {
		return new EmulatorSettings(this.tenantId, this.clientId, clientSecret, this.resources, this.tokenLifetime,
				this.issuer, this.port, this.https);
	}

	/**
	 * Return a copy that issues tokens only for the given resources.
	 * @param resources application id URIs, such as {@code api://my-api}; none for any
	 * @return the new settings
	 */
	public EmulatorSettings withResources(String... resources) {
		return new EmulatorSettings(this.tenantId, this.clientId, this.clientSecret, List.of(resources),
				this.tokenLifetime, this.issuer, this.port, this.https);
	}

	/**
	 * Return a copy with another token lifetime.
	 * @param tokenLifetime the token lifetime
	 * @return the new settings
	 */
	public EmulatorSettings withTokenLifetime(Duration tokenLifetime) {
		return new EmulatorSettings(this.tenantId, this.clientId, this.clientSecret, this.resources, tokenLifetime,
				this.issuer, this.port, this.https);
	}

	/**
	 * Return a copy whose tokens carry the given issuer.
	 * @param issuer the {@code iss} claim, or {@code null} for the emulator's own
	 * @return the new settings
	 */
	public EmulatorSettings withIssuer(@Nullable String issuer) {
		return new EmulatorSettings(this.tenantId, this.clientId, this.clientSecret, this.resources, this.tokenLifetime,
				issuer, this.port, this.https);
	}

	/**
	 * Return a copy whose tokens carry Entra's v1.0 issuer
	 * {@code https://sts.windows.net/<tenant>/}, the issuer of tokens for Azure services
	 * such as Storage that Azurite and the services themselves check.
	 * @return the new settings
	 */
	public EmulatorSettings withStsIssuer() {
		return withIssuer(stsIssuer(this.tenantId));
	}

	/**
	 * Return a copy that listens on the given port.
	 * @param port the port, {@code 0} for any free port
	 * @return the new settings
	 */
	public EmulatorSettings withPort(int port) {
		return new EmulatorSettings(this.tenantId, this.clientId, this.clientSecret, this.resources, this.tokenLifetime,
				this.issuer, port, this.https);
	}

	/**
	 * Return a copy that serves HTTPS (or plain HTTP).
	 * @param https whether to serve HTTPS
	 * @return the new settings
	 */
	public EmulatorSettings withHttps(boolean https) {
		return new EmulatorSettings(this.tenantId, this.clientId, this.clientSecret, this.resources, this.tokenLifetime,
				this.issuer, this.port, https);
	}

	/**
	 * Return Entra's v1.0 issuer of a tenant.
	 * @param tenantId the tenant id
	 * @return {@code https://sts.windows.net/<tenant>/}
	 */
	public static String stsIssuer(String tenantId) {
		return "https://sts.windows.net/" + tenantId + "/";
	}

	@Override
	public String toString() {
		return "EmulatorSettings[tenantId=" + this.tenantId + ", clientId=" + this.clientId
				+ ", clientSecret=***, resources=" + this.resources + ", tokenLifetime=" + this.tokenLifetime
				+ ", issuer=" + this.issuer + ", port=" + this.port + ", https=" + this.https + "]";
	}

	private static void requireText(@Nullable String value, String name, String example) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank; give " + example);
		}
	}

}
