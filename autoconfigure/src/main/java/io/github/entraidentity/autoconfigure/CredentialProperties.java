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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.entraidentity.credential.CredentialDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of one Microsoft Entra ID credential: the unnamed one under {@code identity.*}
 * ({@link IdentityProperties}) and each named one under
 * {@code identity.credentials.<name>.*}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class CredentialProperties {

	/**
	 * Microsoft Entra tenant (directory) id. The unnamed credential falls back to
	 * AZURE_TENANT_ID when none of its credential properties is set.
	 */
	private @Nullable String tenantId;

	/**
	 * Application (client) id of the app registration. The unnamed credential falls back
	 * to AZURE_CLIENT_ID when none of its credential properties is set.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the app registration (its value, not its id). The unnamed
	 * credential falls back to AZURE_CLIENT_SECRET when none of its credential properties
	 * is set.
	 */
	private @Nullable String clientSecret;

	/**
	 * File holding the client secret, such as a Kubernetes secret volume; its trimmed
	 * content is the secret, read again when the file is replaced. Exclusive with
	 * client-secret and client-secrets.
	 */
	private @Nullable Path clientSecretFile;

	/**
	 * Client secrets to try in order during a rotation's overlap: when Entra rejects the
	 * one in use as wrong or expired, the next is used from then on. Exclusive with
	 * client-secret and client-secret-file.
	 */
	private List<String> clientSecrets = new ArrayList<>();

	/**
	 * Authority host, with or without https:// (http only for loopback hosts). The
	 * unnamed credential falls back to AZURE_AUTHORITY_HOST, then the Azure public cloud
	 * applies.
	 */
	private @Nullable String authority;

	/**
	 * Tenants, besides the configured one, that token requests may ask for; '*' allows
	 * any tenant.
	 */
	private List<String> additionallyAllowedTenants = new ArrayList<>();

	@NestedConfigurationProperty
	private final ClientCertificateProperties clientCertificate = new ClientCertificateProperties();

	@NestedConfigurationProperty
	private final WorkloadIdentityProperties workloadIdentity = new WorkloadIdentityProperties();

	@NestedConfigurationProperty
	private final ManagedIdentityProperties managedIdentity = new ManagedIdentityProperties();

	private final Cache cache = new Cache();

	private final Http http = new Http();

	private final Ssl ssl = new Ssl();

	private final Proxy proxy = new Proxy();

	private final Health health = new Health();

	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable Path getClientSecretFile() {
		return this.clientSecretFile;
	}

	public void setClientSecretFile(@Nullable Path clientSecretFile) {
		this.clientSecretFile = clientSecretFile;
	}

	public List<String> getClientSecrets() {
		return this.clientSecrets;
	}

	public void setClientSecrets(List<String> clientSecrets) {
		this.clientSecrets = clientSecrets;
	}

	public @Nullable String getAuthority() {
		return this.authority;
	}

	public void setAuthority(@Nullable String authority) {
		this.authority = authority;
	}

	public List<String> getAdditionallyAllowedTenants() {
		return this.additionallyAllowedTenants;
	}

	public void setAdditionallyAllowedTenants(List<String> additionallyAllowedTenants) {
		this.additionallyAllowedTenants = additionallyAllowedTenants;
	}

	public ClientCertificateProperties getClientCertificate() {
		return this.clientCertificate;
	}

	public WorkloadIdentityProperties getWorkloadIdentity() {
		return this.workloadIdentity;
	}

	public ManagedIdentityProperties getManagedIdentity() {
		return this.managedIdentity;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Http getHttp() {
		return this.http;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Health getHealth() {
		return this.health;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[tenantId=" + this.tenantId + ", clientId=" + this.clientId
				+ ", clientSecret=" + ((this.clientSecret != null) ? "***" : "unset") + ", authority=" + this.authority
				+ "]";
	}

	/**
	 * Token cache properties.
	 */
	public static class Cache {

		/**
		 * How many tokens the in-memory cache holds at most: tenants x scope sets x
		 * claims variants in use. When a new key finds the cache full, the least recently
		 * used entry goes.
		 */
		private int maxEntries = CredentialDefaults.MAX_CACHE_ENTRIES;

		private final Persistence persistence = new Persistence();

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Persistence getPersistence() {
			return this.persistence;
		}

	}

	/**
	 * Persistent token cache properties.
	 */
	public static class Persistence {

		/**
		 * Whether to persist tokens in files so that they survive restarts and are shared
		 * by the processes of one host.
		 */
		private boolean enabled;

		/**
		 * Cache name; credentials that share a name share their tokens.
		 */
		private String name = "msal.cache";

		/**
		 * Directory holding the cache files. Defaults to ~/.IdentityService.
		 */
		private @Nullable Path directory;

		/**
		 * Whether tokens may be stored as owner-readable plaintext when no encryption key
		 * is configured.
		 */
		private boolean allowUnencryptedStorage;

		/**
		 * File holding the 32-byte AES-256 key that encrypts the cache, raw or base64.
		 */
		private @Nullable Path keyFile;

		/**
		 * Base64 form of the 32-byte AES-256 key that encrypts the cache.
		 */
		private @Nullable String key;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		public boolean isAllowUnencryptedStorage() {
			return this.allowUnencryptedStorage;
		}

		public void setAllowUnencryptedStorage(boolean allowUnencryptedStorage) {
			this.allowUnencryptedStorage = allowUnencryptedStorage;
		}

		public @Nullable Path getKeyFile() {
			return this.keyFile;
		}

		public void setKeyFile(@Nullable Path keyFile) {
			this.keyFile = keyFile;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		@Override
		public String toString() {
			return "Persistence[enabled=" + this.enabled + ", name=" + this.name + ", key="
					+ ((this.key != null) ? "***" : "unset") + "]";
		}

	}

	/**
	 * HTTP properties of token requests.
	 */
	public static class Http {

		/**
		 * Connect timeout of token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * How long one token request attempt may wait for its response.
		 */
		private Duration responseTimeout = Duration.ofSeconds(10);

		/**
		 * How many times a failed token request is retried, from 0 to 10.
		 */
		private int maxRetries = 3;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

	}

	/**
	 * SSL properties of token requests.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that token requests trust.
		 * Defaults to spring.http.clients.ssl.bundle, then to the JVM's trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * HTTP proxy properties of token requests.
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy that token requests go through.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private @Nullable Integer port;

		/**
		 * User name for proxy authentication.
		 */
		private @Nullable String username;

		/**
		 * Password for proxy authentication.
		 */
		private @Nullable String password;

		/**
		 * Hosts reached without the proxy; '*' matches any characters, as in
		 * '*.corp.example.com'.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		@Override
		public String toString() {
			return "Proxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "***" : "unset") + "]";
		}

	}

	/**
	 * Health indicator properties.
	 */
	public static class Health {

		/**
		 * Scopes the health indicator requests a token for to verify the credential.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * How long the health indicator waits for a token.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
