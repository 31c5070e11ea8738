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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.entraidentity.autoconfigure.IdentityProperties.ServiceClient;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.StringUtils;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * What each HTTP service group configured under {@code identity.service-clients.<group>}
 * gets: the credential, the scopes and whether CAE is on. Its rules (a group without
 * scopes, a credential that does not exist, a group that no {@code @ImportHttpServices}
 * declares) are checked by {@link IdentityConfigurationCheck} with every other problem of
 * the configuration, and again here, when created and once every singleton exists, for an
 * application without that check.
 *
 * @author Entra Identity contributors
 */
class ServiceClientTokens implements SmartInitializingSingleton {

	static final String PROPERTY = "identity.service-clients";

	/**
	 * Name of its bean.
	 */
	static final String BEAN_NAME = "identityServiceClientTokens";

	private final Map<String, GroupToken> groups;

	private final ObjectProvider<HttpServiceProxyRegistry> registry;

	ServiceClientTokens(IdentityProperties properties, ObjectProvider<EntraCredentials> credentials,
			ObjectProvider<HttpServiceProxyRegistry> registry) {
		this.registry = registry;
		EntraCredentials available = credentials.getIfAvailable();
		Map<String, EntraCredential> byName = (available != null) ? available.asMap() : Map.of();
		List<InvalidIdentityProperty> problems = problems(properties.getServiceClients(), byName.keySet());
		if (!problems.isEmpty()) {
			throw new InvalidIdentityPropertiesException(problems, null);
		}
		Map<String, GroupToken> groups = new LinkedHashMap<>();
		properties.getServiceClients().forEach((group, client) -> {
			EntraCredential credential = byName.get(credentialName(client));
			if (credential != null) {
				groups.put(group,
						new GroupToken(credential, scopes(client).toArray(String[]::new), client.isCaeEnabled()));
			}
		});
		this.groups = groups;
	}

	/**
	 * Return the problems of the service clients' properties: a group without scopes, a
	 * credential that is not configured.
	 * @param serviceClients the properties of each group
	 * @param credentials the names of the credentials that exist,
	 * {@link EntraCredentials#DEFAULT} for the unnamed one
	 * @return the problems, empty when there are none
	 */
	static List<InvalidIdentityProperty> problems(Map<String, ServiceClient> serviceClients, Set<String> credentials) {
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		serviceClients.forEach((group, client) -> {
			String prefix = PROPERTY + "." + group + ".";
			if (scopes(client).isEmpty()) {
				problems.add(new InvalidIdentityProperty(prefix + "scopes",
						"is not set, so the clients of HTTP service group '" + group + "' would get no token",
						"Set it to the scope of the API the group calls, such as 'api://my-api/.default'."));
			}
			String name = credentialName(client);
			if (credentials.contains(name)) {
				return;
			}
			if (name.equals(EntraCredentials.DEFAULT)) {
				problems.add(new InvalidIdentityProperty(prefix + "credential",
						"is not set and there is no unnamed credential to default to",
						"Configure identity.tenant-id, identity.client-id and identity.client-secret, or set " + prefix
								+ "credential to the name of an identity.credentials entry."));
				return;
			}
			Set<String> named = new LinkedHashSet<>(credentials);
			named.remove(EntraCredentials.DEFAULT);
			problems.add(new InvalidIdentityProperty(prefix + "credential",
					"names credential '" + name + "' which is not configured (configured: "
							+ (named.isEmpty() ? "none" : named) + ")",
					"Configure it under identity.credentials." + name + ".*, or use the name of a configured"
							+ " credential."));
		});
		return problems;
	}

	/**
	 * Return the problems of configured groups that no {@code @ImportHttpServices}
	 * declares.
	 * @param configured the groups configured under {@code identity.service-clients}
	 * @param declared the groups the application declares
	 * @return the problems, empty when there are none
	 */
	static List<InvalidIdentityProperty> undeclaredGroups(Set<String> configured, Set<String> declared) {
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (String group : configured) {
			if (!declared.contains(group)) {
				problems.add(new InvalidIdentityProperty(PROPERTY + "." + group,
						"names HTTP service group '" + group + "' which no @ImportHttpServices declares (groups: "
								+ (declared.isEmpty() ? "none" : new TreeSet<>(declared)) + ")",
						"Use the group of an @ImportHttpServices(group = ...), or remove " + PROPERTY + "." + group
								+ "."));
			}
		}
		return problems;
	}

	private static List<String> scopes(ServiceClient client) {
		return client.getScopes().stream().filter(StringUtils::hasText).toList();
	}

	private static String credentialName(ServiceClient client) {
		String name = client.getCredential();
		return StringUtils.hasText(name) ? name : EntraCredentials.DEFAULT;
	}

	/**
	 * Return what the clients of a group get, if the group is configured.
	 * @param group the HTTP service group's name
	 * @return the group's token settings, or {@code null} to leave the group alone
	 */
	@Nullable GroupToken get(String group) {
		return this.groups.get(group);
	}

	@Override
	public void afterSingletonsInstantiated() {
		HttpServiceProxyRegistry registry = this.registry.getIfAvailable();
		List<InvalidIdentityProperty> problems = undeclaredGroups(this.groups.keySet(),
				(registry != null) ? registry.getGroupNames() : Set.of());
		if (!problems.isEmpty()) {
			throw new InvalidIdentityPropertiesException(problems, null);
		}
	}

	/**
	 * The token the clients of one group carry.
	 *
	 * @param credential the credential that issues it
	 * @param scopes its scopes
	 * @param caeEnabled whether it is requested with CAE
	 */
	record GroupToken(EntraCredential credential, String[] scopes, boolean caeEnabled) {

		/**
		 * Return a filter that puts the token on the requests of a {@code WebClient}.
		 * @return the filter
		 */
		BearerTokenFilter filter() {
			return BearerTokenFilter.of(this.credential, this.scopes).withCaeEnabled(this.caeEnabled);
		}

		/**
		 * Return an interceptor that puts the token on the requests of a
		 * {@code RestClient}.
		 * @return the interceptor
		 */
		BearerTokenInterceptor interceptor() {
			return BearerTokenInterceptor.of(this.credential, this.scopes).withCaeEnabled(this.caeEnabled);
		}

	}

}
