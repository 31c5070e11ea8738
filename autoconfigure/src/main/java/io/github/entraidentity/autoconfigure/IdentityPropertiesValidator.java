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

package io.github.entraidentity.autoconfigure;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Checks what only Spring Boot knows about the {@code identity.*} properties (SSL
 * bundles, the proxy, the HTTP connector, the base64 form of the cache key), collecting
 * every problem so that one failed startup reports them together with the credential's
 * own report. Messages name properties and never contain a secret, key or password.
 *
 * @author Entra Identity contributors
 */
class IdentityPropertiesValidator {

	private final @Nullable SslBundles sslBundles;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final List<InvalidIdentityProperty> problems = new ArrayList<>();

	private String prefix = "identity.";

	IdentityPropertiesValidator(@Nullable SslBundles sslBundles, ClientHttpConnectorBuilder<?> connectorBuilder) {
		this.sslBundles = sslBundles;
		this.connectorBuilder = connectorBuilder;
	}

	/**
	 * Check what only Boot knows about: SSL bundles, the proxy, the HTTP connector and
	 * the base64 form of the cache key property. Every rule about the credential's own
	 * settings is the credential's, reported by its builder.
	 * @param properties the bound properties
	 * @return the problems found, empty when there are none
	 */
	List<InvalidIdentityProperty> validate(CredentialProperties properties) {
		return validate(properties, "identity.");
	}

	/**
	 * Check the properties of a credential whose properties share the given prefix.
	 * @param properties the bound properties
	 * @param prefix the property prefix, {@code identity.} or
	 * {@code identity.credentials.<name>.}
	 * @return the problems found, empty when there are none
	 */
	List<InvalidIdentityProperty> validate(CredentialProperties properties, String prefix) {
		this.problems.clear();
		this.prefix = prefix;
		validateSslBundle(properties.getSsl().getBundle());
		validateProxy(properties.getProxy());
		validateCacheKey(properties.getCache().getPersistence());
		return List.copyOf(this.problems);
	}

	private void validateSslBundle(@Nullable String bundle) {
		if (bundle == null) {
			return;
		}
		if (this.sslBundles == null) {
			add(this.prefix + "ssl.bundle", "names SSL bundle '" + bundle + "' but no SSL bundles are configured",
					"Define the bundle under spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or remove " + this.prefix + "ssl.bundle.");
			return;
		}
		try {
			this.sslBundles.getBundle(bundle);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> names = this.sslBundles.getBundleNames();
			add(this.prefix + "ssl.bundle", "names SSL bundle '" + bundle + "' which does not exist"
					+ (names.isEmpty() ? " (no bundles are configured)" : " (configured bundles: " + names + ")"),
					"Define the bundle under spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or use the name of a configured bundle.");
		}
	}

	private void validateProxy(IdentityProperties.Proxy proxy) {
		boolean host = StringUtils.hasText(proxy.getHost());
		Integer port = proxy.getPort();
		if (host && port == null) {
			add(this.prefix + "proxy.port", "is not set while " + this.prefix + "proxy.host is",
					"Set it to the proxy's port, such as 8080.");
		}
		if (port != null && (port < 1 || port > 65535)) {
			add(this.prefix + "proxy.port", "is " + port + " but must be between 1 and 65535",
					"Set it to the proxy's port, such as 8080.");
		}
		if (!host) {
			for (String name : proxyDependentProperties(proxy, port)) {
				add(name, "is set while " + this.prefix + "proxy.host is not",
						"Set " + this.prefix + "proxy.host to the proxy's host name, or remove " + name + ".");
			}
		}
		if (StringUtils.hasText(proxy.getPassword()) && !StringUtils.hasText(proxy.getUsername())) {
			add(this.prefix + "proxy.username", "is not set while " + this.prefix + "proxy.password is",
					"Set the user name the proxy expects, or remove " + this.prefix + "proxy.password.");
		}
		if (host && !(this.connectorBuilder instanceof ReactorClientHttpConnectorBuilder)) {
			add(this.prefix + "proxy.host",
					"needs the Reactor Netty HTTP connector but " + this.connectorBuilder.getClass().getSimpleName()
							+ " is in use",
					"Set spring.http.clients.reactive.connector=reactor, or configure the proxy on your own"
							+ " ClientHttpConnectorBuilder.");
		}
	}

	private List<String> proxyDependentProperties(IdentityProperties.Proxy proxy, @Nullable Integer port) {
		List<String> names = new ArrayList<>();
		if (port != null) {
			names.add(this.prefix + "proxy.port");
		}
		if (StringUtils.hasText(proxy.getUsername())) {
			names.add(this.prefix + "proxy.username");
		}
		if (StringUtils.hasText(proxy.getPassword())) {
			names.add(this.prefix + "proxy.password");
		}
		return names;
	}

	private void validateCacheKey(IdentityProperties.Persistence persistence) {
		String key = persistence.getKey();
		if (persistence.isEnabled() && key != null && !isBase64(key)) {
			add(this.prefix + "cache.persistence.key", "is not valid base64 (its value is not shown)",
					"Set it to the base64 form of 32 random bytes, for example the output of"
							+ " 'openssl rand -base64 32'.");
		}
	}

	private void add(String name, String reason, String action) {
		this.problems.add(new InvalidIdentityProperty(name, reason, action));
	}

	/**
	 * Decode the base64 cache key. Callers validate first.
	 * @param key the base64 key
	 * @return the key bytes
	 */
	static byte[] decodeKey(String key) {
		return Base64.getDecoder().decode(key.strip());
	}

	/**
	 * Return whether the cache key property is valid base64, which
	 * {@link #decodeKey(String)} needs.
	 * @param key the property's value
	 * @return whether it decodes
	 */
	static boolean isBase64(String key) {
		try {
			decodeKey(key);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
