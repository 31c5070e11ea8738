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

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.EntraCredential;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.StringUtils;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * What each HTTP service group configured under {@code identity.service-clients.<group>}
 * gets: the credential, the scopes and whether CAE is on. Checked when created (a group
 * without scopes, a credential that does not exist) and once every singleton exists (a
 * group that no {@code @ImportHttpServices} declares), each failing startup with one
 * report that names the properties.
 *
 * @author Entra Identity contributors
 */
class ServiceClientTokens implements SmartInitializingSingleton {

	static final String PROPERTY = "identity.service-clients";

	private final Map<String, GroupToken> groups;

	private final ObjectProvider<HttpServiceProxyRegistry> registry;

	ServiceClientTokens(IdentityProperties properties, ObjectProvider<EntraCredentials> credentials,
			ObjectProvider<HttpServiceProxyRegistry> registry) {
		this.registry = registry;
		Map<String, GroupToken> groups = new LinkedHashMap<>();
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		properties.getServiceClients().forEach((group, client) -> {
			String prefix = PROPERTY + "." + group + ".";
			List<String> scopes = client.getScopes().stream().filter(StringUtils::hasText).toList();
			if (scopes.isEmpty()) {
				problems.add(new InvalidIdentityProperty(prefix + "scopes",
						"is not set, so the clients of HTTP service group '" + group + "' would get no token",
						"Set it to the scope of the API the group calls, such as 'api://my-api/.default'."));
			}
			EntraCredential credential = credential(prefix, client.getCredential(), credentials.getIfAvailable(),
					problems);
			if (credential != null && !scopes.isEmpty()) {
				groups.put(group, new GroupToken(credential, scopes.toArray(String[]::new), client.isCaeEnabled()));
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidIdentityPropertiesException(problems, null);
		}
		this.groups = groups;
	}

	private static @Nullable EntraCredential credential(String prefix, @Nullable String name,
			@Nullable EntraCredentials credentials, List<InvalidIdentityProperty> problems) {
		boolean unnamed = !StringUtils.hasText(name);
		EntraCredential credential = (credentials != null) ? credentials.find(unnamed ? EntraCredentials.DEFAULT : name)
				: null;
		if (credential != null) {
			return credential;
		}
		if (unnamed) {
			problems.add(new InvalidIdentityProperty(prefix + "credential",
					"is not set and there is no unnamed credential to default to",
					"Configure identity.tenant-id, identity.client-id and identity.client-secret, or set " + prefix
							+ "credential to the name of an identity.credentials entry."));
			return null;
		}
		Set<String> names = new LinkedHashSet<>((credentials != null) ? credentials.asMap().keySet() : Set.of());
		names.remove(EntraCredentials.DEFAULT);
		problems.add(new InvalidIdentityProperty(prefix + "credential",
				"names credential '" + name + "' which is not configured (configured: "
						+ (names.isEmpty() ? "none" : names) + ")",
				"Configure it under identity.credentials." + name + ".*, or use the name of a configured"
						+ " credential."));
		return null;
	}

	/**
	 * Return what the clients of a group get, if the group is configured.
	 * @param group the HTTP service group's name
	 * @return the group's token settings, or {@code null} to leave the group alone
	 */
	@Nullable GroupToken get(String group) {
		return this.groups.get(group);
	}

	/**
	 * Return the names of the groups that carry a token.
	 * @return the group names
	 */
	Set<String> groups() {
		return this.groups.keySet();
	}

	@Override
	public void afterSingletonsInstantiated() {
		HttpServiceProxyRegistry registry = this.registry.getIfAvailable();
		Set<String> declared = (registry != null) ? registry.getGroupNames() : Set.of();
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (String group : this.groups.keySet()) {
			if (!declared.contains(group)) {
				problems.add(new InvalidIdentityProperty(PROPERTY + "." + group,
						"names HTTP service group '" + group + "' which no @ImportHttpServices declares (groups: "
								+ (declared.isEmpty() ? "none" : new TreeSet<>(declared)) + ")",
						"Use the group of an @ImportHttpServices(group = ...), or remove " + PROPERTY + "." + group
								+ "."));
			}
		}
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

	}

}
