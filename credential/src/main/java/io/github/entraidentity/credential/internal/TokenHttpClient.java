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

package io.github.entraidentity.credential.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpClient.Version;
import java.time.Duration;

import io.github.entraidentity.credential.internal.TokenConnectionPool;
import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link WebClient} a credential sends token requests with, and what the credential
 * owns for it and releases on close.
 * <p>
 * A credential without a caller's {@code WebClient} creates its own: on Reactor Netty
 * when it is present (on a {@link TokenConnectionPool} shared with the credentials built
 * with the same timeouts), otherwise on the JDK's {@code java.net.http.HttpClient}.
 * Either way redirects are not followed, since a redirected token request would carry the
 * client secret to another host, and the client has no filters, default headers or
 * logging codecs.
 *
 * @author Entra Identity contributors
 */
public final class TokenHttpClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TokenHttpClient.class);

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			TokenHttpClient.class.getClassLoader());

	private final WebClient webClient;

	private final @Nullable AutoCloseable owned;

	private TokenHttpClient(WebClient webClient, @Nullable AutoCloseable owned) {
		this.webClient = webClient;
		this.owned = owned;
	}

	/**
	 * Use a caller's client.
	 * @param webClient the client, never closed by the credential
	 * @param owned what the credential closes when it is closed, or {@code null}
	 * @return the token HTTP client
	 */
	static TokenHttpClient supplied(WebClient webClient, @Nullable AutoCloseable owned) {
		return new TokenHttpClient(webClient, owned);
	}

	/**
	 * Create a client the credential owns, on Reactor Netty when present and on the JDK
	 * client otherwise.
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout how long to wait for a response
	 * @param maxResponseBytes the largest body buffered
	 * @return the token HTTP client
	 */
	static TokenHttpClient create(Duration connectTimeout, Duration responseTimeout, int maxResponseBytes) {
		return REACTOR_NETTY_PRESENT ? Reactor.create(connectTimeout, responseTimeout, maxResponseBytes)
				: Jdk.create(connectTimeout, responseTimeout, maxResponseBytes);
	}

	/**
	 * Create a client the credential owns on the JDK's HTTP client, whether or not
	 * Reactor Netty is present.
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout how long to wait for a response
	 * @param maxResponseBytes the largest body buffered
	 * @return the token HTTP client
	 */
	public static TokenHttpClient createOnJdkClient(Duration connectTimeout, Duration responseTimeout,
			int maxResponseBytes) {
		return Jdk.create(connectTimeout, responseTimeout, maxResponseBytes);
	}

	private static WebClient webClient(ClientHttpConnector connector, int maxResponseBytes) {
		return WebClient.builder().clientConnector(connector).codecs((codecs) -> {
			codecs.defaultCodecs().enableLoggingRequestDetails(false);
			codecs.defaultCodecs().maxInMemorySize(maxResponseBytes);
		}).build();
	}

	public WebClient webClient() {
		return this.webClient;
	}

	/**
	 * Return what the credential owns and closes.
	 * @return the owned resources, or {@code null} when it owns nothing
	 */
	public @Nullable AutoCloseable owned() {
		return this.owned;
	}

	/**
	 * Release what the credential owns, without blocking; a caller's client is left
	 * alone.
	 */
	@Override
	public void close() {
		if (this.owned == null) {
			return;
		}
		try {
			this.owned.close();
		}
		catch (Exception ex) {
			logger.debug("Closing the token HTTP client failed", ex);
		}
	}

	/**
	 * Only loaded when Reactor Netty is present.
	 */
	private static final class Reactor {

		static TokenHttpClient create(Duration connectTimeout, Duration responseTimeout, int maxResponseBytes) {
			// Clients built from the same settings are alike, so their connections can be
			// shared: a new credential finds a warm one
			TokenConnectionPool pool = TokenConnectionPool.shared(new Settings(connectTimeout, responseTimeout));
			reactor.netty.http.client.HttpClient httpClient = pool.httpClient()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
				.responseTimeout(responseTimeout)
				.followRedirect(false);
			return new TokenHttpClient(webClient(new ReactorClientHttpConnector(httpClient), maxResponseBytes), pool);
		}

	}

	/**
	 * What the credential's own Reactor Netty clients are built from, besides constants.
	 *
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout how long to wait for a response
	 */
	private record Settings(Duration connectTimeout, Duration responseTimeout) {

	}

	/**
	 * The JDK's client: one selector thread per client, ended by {@code shutdownNow()} on
	 * Java 21 and later and by garbage collection of the client before that.
	 */
	private static final class Jdk {

		private static final @Nullable Method SHUTDOWN_NOW = shutdownNow();

		static TokenHttpClient create(Duration connectTimeout, Duration responseTimeout, int maxResponseBytes) {
			// HTTP/1.1, as on Reactor Netty: the JDK's default HTTP/2 would try an h2c
			// upgrade on a plain-http POST with a body, which some servers reset.
			java.net.http.HttpClient httpClient = java.net.http.HttpClient.newBuilder()
				.version(Version.HTTP_1_1)
				.connectTimeout(connectTimeout)
				.followRedirects(Redirect.NEVER)
				.build();
			JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
			connector.setReadTimeout(responseTimeout);
			return new TokenHttpClient(webClient(connector, maxResponseBytes), () -> shutdown(httpClient));
		}

		private static void shutdown(java.net.http.HttpClient httpClient) throws ReflectiveOperationException {
			if (SHUTDOWN_NOW != null) {
				SHUTDOWN_NOW.invoke(httpClient);
			}
		}

		private static @Nullable Method shutdownNow() {
			try {
				return java.net.http.HttpClient.class.getMethod("shutdownNow");
			}
			catch (NoSuchMethodException ex) {
				// Java 17: the client's selector thread ends once the client is
				// unreachable
				return null;
			}
		}

	}

}
