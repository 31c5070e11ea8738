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

import java.net.http.HttpClient.Redirect;
import java.net.http.HttpClient.Version;
import java.time.Duration;
import java.util.List;

import io.github.entraidentity.credential.CredentialDefaults;
import io.github.entraidentity.credential.internal.TokenConnectionPool;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the {@link WebClient} for token requests: a client of its own, not a clone of
 * the application's {@link WebClient.Builder}, so that no application filter, default
 * header, cookie or connector customizer can log the form or send it (the client secret)
 * anywhere else.
 * <p>
 * What users configure through Boot still applies: the connector kind the application
 * uses ({@code spring.http.clients.reactive.connector} or detection), the
 * {@code identity.http.*} timeouts falling back to {@code spring.http.clients.*}, the SSL
 * bundle ({@code identity.ssl.bundle}, then {@code spring.http.clients.ssl.bundle}), the
 * {@code identity.proxy.*} proxy, and the application's observation registry. Redirects
 * are never followed. Credentials whose timeouts, SSL bundle and proxy agree share one
 * client ({@link SharedTokenClients}), so many credentials cost no thread, pool or
 * connection each. On Reactor Netty it runs on a {@link TokenConnectionPool} of its own,
 * never on Reactor Netty's global resources, which a closing application context
 * disposes.
 *
 * @author Entra Identity contributors
 */
class TokenWebClientFactory {

	/**
	 * Largest response body buffered: the credential's own default limit.
	 */
	static final int MAX_RESPONSE_BYTES = CredentialDefaults.MAX_RESPONSE_BYTES;

	private final ClientHttpConnectorBuilder<?> applicationConnectors;

	private final @Nullable HttpClientSettings applicationSettings;

	private final @Nullable SslBundles sslBundles;

	private final @Nullable ObservationRegistry observationRegistry;

	private final @Nullable ClientRequestObservationConvention observationConvention;

	/**
	 * Create a factory.
	 * @param applicationConnectors the application's connector builder, whose kind (not
	 * its customizations) the token client uses
	 * @param applicationSettings the application's HTTP client settings, used where
	 * {@code identity.*} sets nothing
	 * @param sslBundles the SSL bundles
	 * @param observationRegistry the registry that observes HTTP client requests
	 * @param observationConvention the application's convention for those observations
	 */
	TokenWebClientFactory(ClientHttpConnectorBuilder<?> applicationConnectors,
			@Nullable HttpClientSettings applicationSettings, @Nullable SslBundles sslBundles,
			@Nullable ObservationRegistry observationRegistry,
			@Nullable ClientRequestObservationConvention observationConvention) {
		this.applicationConnectors = applicationConnectors;
		this.applicationSettings = applicationSettings;
		this.sslBundles = sslBundles;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * Return a client created on its first request, from the settings as they are now
	 * (the SSL bundle is looked up now, the connector and its resources are built on
	 * first use).
	 * @param properties the properties
	 * @param connectTimeout the connect timeout, or {@code null} for the default
	 * @return the client, which the credential closes
	 */
	DeferredTokenWebClient createOnFirstUse(CredentialProperties properties, @Nullable Duration connectTimeout) {
		HttpClientSettings settings = settings(properties, connectTimeout);
		SslBundle sslBundle = settings.sslBundle();
		if (sslBundle != null) {
			// Boot reads a bundle's stores when they are first used: read now, so that a
			// store that cannot be read still fails startup as it did before the client
			// was deferred
			sslBundle.getManagers().getKeyManagerFactory();
			sslBundle.getManagers().getTrustManagerFactory();
		}
		IdentityProperties.Proxy proxy = properties.getProxy();
		return new DeferredTokenWebClient(() -> create(settings, proxy));
	}

	private TokenWebClient create(HttpClientSettings settings, IdentityProperties.Proxy proxy) {
		ClientHttpConnectorBuilder<?> kind = knownKind(this.applicationConnectors);
		TokenWebClient client;
		if (kind instanceof ReactorClientHttpConnectorBuilder) {
			// Credentials whose settings agree share one client: its HttpClient, and so
			// its connections, which Reactor Netty pools per client configuration
			SharedTokenClients.Share share = SharedTokenClients.acquire(key(kind, settings, proxy), () -> {
				TokenConnectionPool pool = TokenConnectionPool.create();
				return new SharedTokenClients.Client(webClient(ReactorConnector.build(pool, settings, proxy)), pool);
			});
			client = new TokenWebClient(share.webClient(), share);
		}
		else if (kind instanceof JdkClientHttpConnectorBuilder) {
			// A JDK client has a selector thread and connections of its own
			SharedTokenClients.Share share = SharedTokenClients.acquire(key(kind, settings, proxy),
					() -> new SharedTokenClients.Client(webClient(freshBuilder(kind).build(settings)), () -> {
					}));
			client = new TokenWebClient(share.webClient(), share);
		}
		else {
			client = new TokenWebClient(webClient(freshBuilder(kind).build(settings)), () -> {
			});
		}
		return client;
	}

	private ClientKey key(ClientHttpConnectorBuilder<?> kind, HttpClientSettings settings,
			IdentityProperties.Proxy proxy) {
		return new ClientKey(kind.getClass(), settings, proxy.getHost(), proxy.getPort(), proxy.getUsername(),
				proxy.getPassword(), List.copyOf(proxy.getNonProxyHosts()), this.observationRegistry,
				this.observationConvention);
	}

	private HttpClientSettings settings(CredentialProperties properties, @Nullable Duration connectTimeout) {
		IdentityProperties.Http http = properties.getHttp();
		String bundleName = properties.getSsl().getBundle();
		SslBundle sslBundle = (bundleName != null && this.sslBundles != null) ? this.sslBundles.getBundle(bundleName)
				: null;
		// Never follow redirects: a redirected token request would send the secret
		// elsewhere.
		HttpClientSettings settings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, connectTimeout,
				http.getResponseTimeout(), sslBundle);
		return (this.applicationSettings != null) ? settings.orElse(this.applicationSettings) : settings;
	}

	private WebClient webClient(ClientHttpConnector connector) {
		WebClient.Builder builder = WebClient.builder().clientConnector(connector).codecs((codecs) -> {
			codecs.defaultCodecs().enableLoggingRequestDetails(false);
			codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES);
		});
		if (this.observationRegistry != null) {
			builder.observationRegistry(this.observationRegistry);
		}
		if (this.observationConvention != null) {
			builder.observationConvention(this.observationConvention);
		}
		return builder.build();
	}

	/**
	 * Return the application's builder if it is one of Boot's kinds, or the kind Boot
	 * detects on the class path for any other implementation.
	 * @param application the application's builder
	 * @return a builder of a known kind
	 */
	private static ClientHttpConnectorBuilder<?> knownKind(ClientHttpConnectorBuilder<?> application) {
		if (application instanceof ReactorClientHttpConnectorBuilder
				|| application instanceof JdkClientHttpConnectorBuilder
				|| application instanceof JettyClientHttpConnectorBuilder
				|| application instanceof HttpComponentsClientHttpConnectorBuilder) {
			return application;
		}
		return ClientHttpConnectorBuilder.detect(application.getClass().getClassLoader());
	}

	/**
	 * Return a new builder of the same kind, without the application's customizations.
	 * @param kind the kind
	 * @return the builder
	 */
	private static ClientHttpConnectorBuilder<?> freshBuilder(ClientHttpConnectorBuilder<?> kind) {
		if (kind instanceof JettyClientHttpConnectorBuilder) {
			return ClientHttpConnectorBuilder.jetty();
		}
		if (kind instanceof HttpComponentsClientHttpConnectorBuilder) {
			return ClientHttpConnectorBuilder.httpComponents();
		}
		// HTTP/1.1 as on Reactor Netty: the JDK's default HTTP/2 would try an h2c
		// upgrade on a plain-http POST with a body, which some servers reset.
		return ClientHttpConnectorBuilder.jdk()
			.withHttpClientCustomizer((builder) -> builder.version(Version.HTTP_1_1).followRedirects(Redirect.NEVER));
	}

	/**
	 * The token client and what the credential closes with it.
	 *
	 * @param webClient the client
	 * @param resources what the credential closes when it is closed
	 */
	record TokenWebClient(WebClient webClient, AutoCloseable resources) {

	}

	/**
	 * What a token client is built from: credentials that agree on it share one. The
	 * proxy's settings are copied, since the properties are mutable; the SSL bundle and
	 * the observation registry and convention are compared by identity, so a reloaded
	 * bundle gets a new client. Never printed: it holds the proxy password.
	 *
	 * @param kind the kind of connector
	 * @param settings the timeouts and the SSL bundle
	 * @param proxyHost the proxy host
	 * @param proxyPort the proxy port
	 * @param proxyUsername the proxy user name
	 * @param proxyPassword the proxy password
	 * @param nonProxyHosts the hosts reached without the proxy
	 * @param observationRegistry the registry that observes the requests
	 * @param observationConvention the convention of those observations
	 */
	private record ClientKey(Class<?> kind, HttpClientSettings settings, @Nullable String proxyHost,
			@Nullable Integer proxyPort, @Nullable String proxyUsername, @Nullable String proxyPassword,
			List<String> nonProxyHosts, @Nullable ObservationRegistry observationRegistry,
			@Nullable ClientRequestObservationConvention observationConvention) {

		@Override
		public String toString() {
			return "ClientKey[kind=" + this.kind.getSimpleName() + ", proxyHost=" + this.proxyHost + "]";
		}

	}

	/**
	 * Only loaded on Reactor Netty.
	 */
	private static final class ReactorConnector {

		static ClientHttpConnector build(TokenConnectionPool pool, HttpClientSettings settings,
				IdentityProperties.Proxy proxy) {
			ReactorClientHttpConnectorBuilder builder = ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(pool::httpClient);
			if (StringUtils.hasText(proxy.getHost())) {
				builder = builder.withHttpClientCustomizer(new ProxyHttpClientCustomizer(proxy));
			}
			return builder.withHttpClientCustomizer((httpClient) -> httpClient.followRedirect(false)).build(settings);
		}

	}

}
