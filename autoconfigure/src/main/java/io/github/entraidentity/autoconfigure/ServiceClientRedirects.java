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
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer.Groups;

/**
 * The client settings of the HTTP service groups that carry a bearer token
 * ({@code identity.service-clients.<group>}): the group's own, as Spring Boot builds its
 * client from them ({@code spring.http.serviceclient.<group>.*}, falling back to
 * {@code spring.http.clients.*}), except that redirects are never followed. A token is
 * for one API, and a client that follows a redirect can send it to whatever host the
 * redirect names: the JDK {@code HttpClient} of Java 17 copies the {@code Authorization}
 * header to another host, and what other clients do differs by client and version. The
 * caller gets the {@code 3xx} answer instead. A group's own explicit {@code redirects}
 * setting that follows stops startup rather than being overridden quietly; the
 * application-wide {@code spring.http.clients.redirects} is overridden, since it was not
 * written for token-carrying clients.
 *
 * @author Entra Identity contributors
 */
final class ServiceClientRedirects {

	/**
	 * Order of the configurers that rebuild a token-carrying group's client: after all of
	 * Spring Boot's, which build it from properties ({@code HIGHEST_PRECEDENCE},
	 * {@code HIGHEST_PRECEDENCE + 10}) and then apply the {@code WebClientCustomizer} and
	 * {@code RestClientCustomizer} beans (order 0), one of which gives every
	 * {@code WebClient} the application-wide connector, that follows redirects by
	 * default. An application's own {@code HttpServiceGroupConfigurer} (last by default)
	 * still has the last word.
	 */
	static final int ORDER = 1;

	private static final String GROUP_PROPERTY = "spring.http.serviceclient.";

	private final ServiceClientTokens tokens;

	private final @Nullable HttpServiceClientProperties properties;

	private final HttpClientSettingsPropertyMapper settings;

	ServiceClientRedirects(ServiceClientTokens tokens, @Nullable HttpServiceClientProperties properties,
			@Nullable SslBundles sslBundles, @Nullable HttpClientSettings applicationSettings) {
		this.tokens = tokens;
		this.properties = properties;
		this.settings = new HttpClientSettingsPropertyMapper(sslBundles, applicationSettings);
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (String group : tokens.groups()) {
			HttpClientProperties groupProperties = groupProperties(group);
			HttpRedirects redirects = (groupProperties != null) ? groupProperties.getRedirects() : null;
			if (redirects != null && redirects != HttpRedirects.DONT_FOLLOW) {
				problems.add(new InvalidIdentityProperty(GROUP_PROPERTY + group + ".redirects",
						"is " + redirects.name().toLowerCase(Locale.ROOT).replace('_', '-')
								+ ", but the clients of HTTP service group '" + group + "' carry a bearer token ("
								+ ServiceClientTokens.PROPERTY + "." + group
								+ ") that a followed redirect could send to another host",
						"Remove it (or set it to dont-follow): clients that carry a token never follow redirects,"
								+ " and the caller gets the 3xx answer to handle."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidIdentityPropertiesException(problems, null);
		}
	}

	/**
	 * Return the settings to build the client of a group with, if it carries a token.
	 * @param group the HTTP service group's name
	 * @return the group's settings that never follow redirects, or {@code null} to leave
	 * the group's client as Spring Boot built it
	 */
	@Nullable HttpClientSettings settings(String group) {
		if (this.tokens.get(group) == null) {
			return null;
		}
		return this.settings.map(groupProperties(group)).withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	/**
	 * Give each group that carries a token a client built from its settings without
	 * redirects.
	 * @param <B> the client builder
	 * @param groups the groups
	 * @param client sets a client built from the given settings on a group's builder
	 */
	<B> void rebuildClients(Groups<B> groups, BiConsumer<B, HttpClientSettings> client) {
		groups.forEachClient((group, builder) -> {
			HttpClientSettings settings = settings(group.name());
			if (settings != null) {
				client.accept(builder, settings);
			}
		});
	}

	private @Nullable HttpClientProperties groupProperties(String group) {
		return (this.properties != null) ? this.properties.get(group) : null;
	}

}
