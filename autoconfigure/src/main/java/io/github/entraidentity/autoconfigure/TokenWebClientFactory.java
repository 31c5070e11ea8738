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

import io.github.entraidentity.credential.CredentialDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the {@link WebClient} for token requests from the application's
 * {@link WebClient.Builder} (so its customizers and observations apply) without changing
 * that builder: a clone gets its own connector with the {@code identity.http.*} timeouts,
 * the SSL bundle, the proxy and no redirects, and codecs that neither log request details
 * nor buffer large responses.
 * <p>
 * The connector is always built here rather than reused because Boot's SSL bundle support
 * replaces the connector anyway, which would drop timeouts and proxy.
 *
 * @author Entra Identity contributors
 */
class TokenWebClientFactory {

	/**
	 * Largest response body buffered: the credential's own default limit.
	 */
	static final int MAX_RESPONSE_BYTES = CredentialDefaults.MAX_RESPONSE_BYTES;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final @Nullable HttpClientSettings applicationSettings;

	private final @Nullable SslBundles sslBundles;

	TokenWebClientFactory(ClientHttpConnectorBuilder<?> connectorBuilder,
			@Nullable HttpClientSettings applicationSettings, @Nullable SslBundles sslBundles) {
		this.connectorBuilder = connectorBuilder;
		this.applicationSettings = applicationSettings;
		this.sslBundles = sslBundles;
	}

	/**
	 * Create the client.
	 * @param applicationBuilder the application's builder, which is cloned, not changed
	 * @param properties the properties
	 * @return the client
	 */
	WebClient create(WebClient.Builder applicationBuilder, CredentialProperties properties) {
		ClientHttpConnector connector = createConnector(properties);
		return applicationBuilder.clone().clientConnector(connector).codecs((codecs) -> {
			codecs.defaultCodecs().enableLoggingRequestDetails(false);
			codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES);
		}).build();
	}

	private ClientHttpConnector createConnector(CredentialProperties properties) {
		IdentityProperties.Http http = properties.getHttp();
		String bundleName = properties.getSsl().getBundle();
		SslBundle sslBundle = (bundleName != null && this.sslBundles != null) ? this.sslBundles.getBundle(bundleName)
				: null;
		// Never follow redirects: a redirected token request would send the secret
		// elsewhere.
		HttpClientSettings settings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, http.getConnectTimeout(),
				http.getResponseTimeout(), sslBundle);
		if (this.applicationSettings != null) {
			settings = settings.orElse(this.applicationSettings);
		}
		ClientHttpConnectorBuilder<?> builder = this.connectorBuilder;
		IdentityProperties.Proxy proxy = properties.getProxy();
		if (StringUtils.hasText(proxy.getHost()) && builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			builder = reactor.withHttpClientCustomizer(new ProxyHttpClientCustomizer(proxy));
		}
		return builder.build(settings);
	}

}
