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

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Routes a Reactor Netty {@link HttpClient} through the {@code identity.proxy.*} HTTP
 * proxy (CONNECT tunnel), with optional basic authentication and hosts that bypass it.
 *
 * @author Entra Identity contributors
 */
class ProxyHttpClientCustomizer implements UnaryOperator<HttpClient> {

	private final IdentityProperties.Proxy proxy;

	ProxyHttpClientCustomizer(IdentityProperties.Proxy proxy) {
		Assert.state(proxy.getHost() != null && proxy.getPort() != null, "Proxy host and port must be set");
		this.proxy = proxy;
	}

	@Override
	public HttpClient apply(HttpClient httpClient) {
		return httpClient.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP)
				.host(this.proxy.getHost())
				.port(this.proxy.getPort());
			String username = this.proxy.getUsername();
			if (StringUtils.hasText(username)) {
				String password = this.proxy.getPassword();
				builder.username(username).password((name) -> (password != null) ? password : "");
			}
			String nonProxyHosts = nonProxyHostsPattern(this.proxy.getNonProxyHosts());
			if (nonProxyHosts != null) {
				builder.nonProxyHosts(nonProxyHosts);
			}
		});
	}

	/**
	 * Turn host patterns with {@code *} wildcards into one regular expression.
	 * @param hosts the host patterns
	 * @return the expression, or {@code null} when there are none
	 */
	static @Nullable String nonProxyHostsPattern(List<String> hosts) {
		List<String> patterns = hosts.stream()
			.filter(StringUtils::hasText)
			.map((host) -> Pattern.quote(host.strip()).replace("*", "\\E.*\\Q"))
			.toList();
		return patterns.isEmpty() ? null : patterns.stream().collect(Collectors.joining("|"));
	}

}
