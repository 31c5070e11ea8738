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

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.entraidentity.autoconfigure.ConfiguredCredential.Setting;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Checks the {@code identity.*} properties before the credential is built, collecting
 * every problem so that one failed startup reports them all. Messages name properties and
 * never contain a secret, key or password.
 *
 * @author Entra Identity contributors
 */
class IdentityPropertiesValidator {

	private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,256}");

	private static final String FIND_IDS_LINK = "https://learn.microsoft.com/partner-center/find-ids-and-domain-names";

	private final @Nullable SslBundles sslBundles;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final List<InvalidIdentityProperty> problems = new ArrayList<>();

	IdentityPropertiesValidator(@Nullable SslBundles sslBundles, ClientHttpConnectorBuilder<?> connectorBuilder) {
		this.sslBundles = sslBundles;
		this.connectorBuilder = connectorBuilder;
	}

	/**
	 * Validate the properties.
	 * @param properties the bound properties
	 * @param credential the resolved credential settings
	 * @throws InvalidIdentityPropertiesException if anything is wrong
	 */
	void validate(IdentityProperties properties, ConfiguredCredential credential) {
		this.problems.clear();
		validateCredential(credential);
		validateAdditionallyAllowedTenants(properties.getAdditionallyAllowedTenants());
		validateHttp(properties.getHttp());
		validateSslBundle(properties.getSsl().getBundle());
		validateProxy(properties.getProxy());
		validatePersistence(properties.getCache().getPersistence());
		if (!this.problems.isEmpty()) {
			throw new InvalidIdentityPropertiesException(this.problems);
		}
	}

	private void validateCredential(ConfiguredCredential credential) {
		List<Setting> settings = List.of(credential.tenantId(), credential.clientId(), credential.clientSecret());
		List<Setting> missing = settings.stream().filter((setting) -> !setting.hasText()).toList();
		List<Setting> present = settings.stream().filter(Setting::hasText).toList();
		String others = present.stream().map(Setting::name).collect(Collectors.joining(" and "));
		for (Setting setting : missing) {
			String state = (setting.value() != null) ? "is empty" : "is not set";
			String context = present.isEmpty() ? ""
					: ", but " + others + ((present.size() > 1) ? " are set" : " is set");
			add(setting.name(), state + context + ": the credential needs a tenant id, a client id and a client secret",
					"Set it to " + meaning(setting) + ", or remove the other identity credential properties so"
							+ " that no credential is auto-configured.");
		}
		Setting tenantId = credential.tenantId();
		if (tenantId.hasText() && !isValidTenantId(tenantId.value().strip())) {
			add(tenantId.name(), "'" + tenantId.value() + "' is not a valid tenant id: it may contain only letters,"
					+ " digits, '.' and '-' (at most 256 characters)", "Set it to " + meaning(tenantId) + ".");
		}
		Setting authority = credential.authority();
		if (authority != null) {
			String reason = authorityProblem(authority.value());
			if (reason != null) {
				add(authority.name(), "'" + authority.value() + "' is not a valid authority: " + reason,
						"Use an https URL or host such as " + AzureAuthorityHosts.AZURE_PUBLIC_CLOUD + ", "
								+ AzureAuthorityHosts.AZURE_GOVERNMENT + " or " + AzureAuthorityHosts.AZURE_CHINA
								+ " (plain http only for loopback hosts such as localhost), or leave it unset for"
								+ " the public cloud.");
			}
		}
	}

	private String meaning(Setting setting) {
		return switch (setting.name()) {
			case ConfiguredCredential.TENANT_ID, ConfiguredCredential.AZURE_TENANT_ID ->
				"the Microsoft Entra tenant (directory) id, a GUID or a domain such as contoso.onmicrosoft.com"
						+ " (see " + FIND_IDS_LINK + ")";
			case ConfiguredCredential.CLIENT_ID, ConfiguredCredential.AZURE_CLIENT_ID ->
				"the application (client) id of the app registration";
			default -> "a client secret of the app registration (its Value, not its Secret ID), preferably from an"
					+ " environment variable or a secret store";
		};
	}

	private void validateAdditionallyAllowedTenants(List<String> tenants) {
		for (int i = 0; i < tenants.size(); i++) {
			String tenant = (tenants.get(i) != null) ? tenants.get(i).strip() : "";
			if (!tenant.equals("*") && !isValidTenantId(tenant)) {
				add("identity.additionally-allowed-tenants[" + i + "]",
						"'" + tenant + "' is neither '*' nor a valid tenant id (letters, digits, '.' and '-')",
						"Use tenant ids, or '*' to allow any tenant.");
			}
		}
	}

	private void validateHttp(IdentityProperties.Http http) {
		requirePositive("identity.http.connect-timeout", http.getConnectTimeout());
		requirePositive("identity.http.response-timeout", http.getResponseTimeout());
		if (http.getMaxRetries() < 0 || http.getMaxRetries() > 10) {
			add("identity.http.max-retries", "is " + http.getMaxRetries() + " but must be between 0 and 10",
					"Use 0 to disable retries or up to 10.");
		}
	}

	private void validateSslBundle(@Nullable String bundle) {
		if (bundle == null) {
			return;
		}
		if (this.sslBundles == null) {
			add("identity.ssl.bundle", "names SSL bundle '" + bundle + "' but no SSL bundles are configured",
					"Define the bundle under spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or remove identity.ssl.bundle.");
			return;
		}
		try {
			this.sslBundles.getBundle(bundle);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> names = this.sslBundles.getBundleNames();
			add("identity.ssl.bundle", "names SSL bundle '" + bundle + "' which does not exist"
					+ (names.isEmpty() ? " (no bundles are configured)" : " (configured bundles: " + names + ")"),
					"Define the bundle under spring.ssl.bundle.jks." + bundle + " or spring.ssl.bundle.pem." + bundle
							+ ", or use the name of a configured bundle.");
		}
	}

	private void validateProxy(IdentityProperties.Proxy proxy) {
		boolean host = StringUtils.hasText(proxy.getHost());
		Integer port = proxy.getPort();
		if (host && port == null) {
			add("identity.proxy.port", "is not set while identity.proxy.host is",
					"Set it to the proxy's port, such as 8080.");
		}
		if (port != null && (port < 1 || port > 65535)) {
			add("identity.proxy.port", "is " + port + " but must be between 1 and 65535",
					"Set it to the proxy's port, such as 8080.");
		}
		if (!host) {
			for (String name : proxyDependentProperties(proxy, port)) {
				add(name, "is set while identity.proxy.host is not",
						"Set identity.proxy.host to the proxy's host name, or remove " + name + ".");
			}
		}
		if (StringUtils.hasText(proxy.getPassword()) && !StringUtils.hasText(proxy.getUsername())) {
			add("identity.proxy.username", "is not set while identity.proxy.password is",
					"Set the user name the proxy expects, or remove identity.proxy.password.");
		}
		if (host && !(this.connectorBuilder instanceof ReactorClientHttpConnectorBuilder)) {
			add("identity.proxy.host",
					"needs the Reactor Netty HTTP connector but " + this.connectorBuilder.getClass().getSimpleName()
							+ " is in use",
					"Set spring.http.clients.reactive.connector=reactor, or configure the proxy on your own"
							+ " ClientHttpConnectorBuilder.");
		}
	}

	private List<String> proxyDependentProperties(IdentityProperties.Proxy proxy, @Nullable Integer port) {
		List<String> names = new ArrayList<>();
		if (port != null) {
			names.add("identity.proxy.port");
		}
		if (StringUtils.hasText(proxy.getUsername())) {
			names.add("identity.proxy.username");
		}
		if (StringUtils.hasText(proxy.getPassword())) {
			names.add("identity.proxy.password");
		}
		return names;
	}

	private void validatePersistence(IdentityProperties.Persistence persistence) {
		if (!persistence.isEnabled()) {
			return;
		}
		String name = persistence.getName();
		if (!StringUtils.hasText(name) || name.contains("/") || name.contains("\\") || name.contains("..")) {
			add("identity.cache.persistence.name", "'" + name + "' is not a plain file name",
					"Use a name without path separators or '..', such as msal.cache.");
		}
		String key = persistence.getKey();
		if (key != null && persistence.getKeyFile() != null) {
			add("identity.cache.persistence.key", "is set together with identity.cache.persistence.key-file",
					"Set only one of identity.cache.persistence.key and identity.cache.persistence.key-file.");
		}
		if (key != null) {
			String keyProblem = keyProblem(key);
			if (keyProblem != null) {
				add("identity.cache.persistence.key", keyProblem,
						"Set it to the base64 form of 32 random bytes, for example the output of"
								+ " 'openssl rand -base64 32'.");
			}
		}
		if (key == null && persistence.getKeyFile() == null && !persistence.isAllowUnencryptedStorage()) {
			add("identity.cache.persistence.enabled", "is true but no encryption key is configured",
					"Set identity.cache.persistence.key or identity.cache.persistence.key-file, or allow plaintext"
							+ " storage with identity.cache.persistence.allow-unencrypted-storage=true.");
		}
	}

	private void requirePositive(String name, @Nullable Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			add(name, "is " + duration + " but must be positive", "Use a positive duration such as 10s.");
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

	private static @Nullable String keyProblem(String key) {
		byte[] bytes;
		try {
			bytes = decodeKey(key);
		}
		catch (IllegalArgumentException ex) {
			return "is not valid base64 (its value is not shown)";
		}
		return (bytes.length != 32) ? "decodes to " + bytes.length + " bytes but must decode to 32 (AES-256)" : null;
	}

	private static boolean isValidTenantId(String tenantId) {
		return TENANT_ID.matcher(tenantId).matches() && !tenantId.contains("..");
	}

	private static @Nullable String authorityProblem(@Nullable String value) {
		String trimmed = (value != null) ? value.strip() : "";
		if (trimmed.isEmpty()) {
			return "it is empty";
		}
		String url = trimmed.contains("://") ? trimmed : "https://" + trimmed;
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "it is not a valid URL (" + ex.getReason() + ")";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			return "it has no host";
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return "it must not contain user info, a query or a fragment";
		}
		if (scheme.equals("http") && !isLoopback(host)) {
			return "plain http is accepted only for loopback hosts; token requests carry the client secret";
		}
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return "the scheme '" + scheme + "' is not supported";
		}
		return null;
	}

	private static boolean isLoopback(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.equals("[::1]")
				|| lower.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

}
