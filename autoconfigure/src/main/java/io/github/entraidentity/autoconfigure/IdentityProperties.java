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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Microsoft Entra ID credentials: the unnamed credential
 * under {@code identity.*}, named ones under {@code identity.credentials.*} and the HTTP
 * service groups whose clients get tokens under {@code identity.service-clients.*}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
// Values that cannot be converted are left at their defaults here and reported by the
// configuration check, in one report with every other problem
// (UnreadableIdentityProperties)
@ConfigurationProperties(prefix = "identity", ignoreInvalidFields = true)
public class IdentityProperties extends CredentialProperties {

	/**
	 * Whether to auto-configure credentials.
	 */
	private boolean enabled = true;

	/**
	 * Named credentials, each injectable with @Qualifier("<name>"), taking every setting
	 * of the unnamed credential.
	 */
	private Map<String, CredentialProperties> credentials = new LinkedHashMap<>();

	/**
	 * HTTP service groups (@ImportHttpServices) whose clients send a bearer token, by
	 * group name.
	 */
	private Map<String, ServiceClient> serviceClients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, CredentialProperties> getCredentials() {
		return this.credentials;
	}

	public void setCredentials(Map<String, CredentialProperties> credentials) {
		this.credentials = credentials;
	}

	public Map<String, ServiceClient> getServiceClients() {
		return this.serviceClients;
	}

	public void setServiceClients(Map<String, ServiceClient> serviceClients) {
		this.serviceClients = serviceClients;
	}

	/**
	 * Bearer token settings of the clients of one HTTP service group.
	 */
	public static class ServiceClient {

		/**
		 * Scopes of the token the group's requests carry, such as
		 * 'api://my-api/.default'.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Name of the credential (identity.credentials.<name>) that gets the token.
		 * Defaults to the unnamed credential.
		 */
		private @Nullable String credential;

		/**
		 * Whether tokens are requested with continuous access evaluation (CAE) enabled,
		 * so that claims challenges of the API are answered.
		 */
		private boolean caeEnabled;

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getCredential() {
			return this.credential;
		}

		public void setCredential(@Nullable String credential) {
			this.credential = credential;
		}

		public boolean isCaeEnabled() {
			return this.caeEnabled;
		}

		public void setCaeEnabled(boolean caeEnabled) {
			this.caeEnabled = caeEnabled;
		}

	}

}
