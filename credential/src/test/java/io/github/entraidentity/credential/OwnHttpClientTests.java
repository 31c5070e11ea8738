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

package io.github.entraidentity.credential;

import java.time.Duration;
import java.util.Map;

import io.github.entraidentity.credential.internal.SharedEventLoops;
import io.github.entraidentity.credential.internal.TokenConnectionPool;
import io.github.entraidentity.credential.internal.TokenHttpClient;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.HttpResources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP client a credential creates for itself: resources nothing else disposes, given
 * back on close, and the JDK client when Reactor Netty is absent.
 *
 * @author Entra Identity contributors
 */
@Timeout(60)
class OwnHttpClientTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void keepsGettingTokensAfterReactorNettysGlobalResourcesAreDisposed() {
		stubTokens();
		try (ClientSecretCredential credential = ownClientCredential().build()) {
			assertThat(credential.getToken("api://before/.default").block(Duration.ofSeconds(10)).token())
				.isEqualTo("tok");
			// What a closing Spring application context does to Reactor Netty's global
			// resources (its ReactorResourceFactory uses them by default)
			HttpResources.disposeLoopsAndConnections();
			assertThat(credential.getToken("api://after/.default").block(Duration.ofSeconds(10)).token())
				.isEqualTo("tok");
		}
	}

	@Test
	void credentialsWithTheSameSettingsShareOnePoolThatEndsAfterTheLastCloseAndTheLinger() {
		stubTokens();
		// timeouts of this test's own, so no other test's credential shares the pool
		Duration connectTimeout = Duration.ofMillis(4321);
		ClientSecretCredential first = ownClientCredential().connectTimeout(connectTimeout).build();
		ClientSecretCredential second = ownClientCredential().connectTimeout(connectTimeout).build();
		ClientSecretCredential other = ownClientCredential().connectTimeout(connectTimeout.plusMillis(1)).build();
		TokenConnectionPool firstPool = (TokenConnectionPool) first.httpClient().owned();
		TokenConnectionPool secondPool = (TokenConnectionPool) second.httpClient().owned();
		TokenConnectionPool otherPool = (TokenConnectionPool) other.httpClient().owned();
		assertThat(secondPool.connections()).isSameAs(firstPool.connections());
		assertThat(otherPool.connections()).isNotSameAs(firstPool.connections());
		assertThat(first.getToken("api://first/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
		// Reactor Netty counts a pool that never connected as disposed
		assertThat(other.getToken("api://other/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
		first.close();
		assertThat(firstPool.isClosed()).isTrue();
		assertThat(second.getToken("api://after-first-closed/.default").block(Duration.ofSeconds(10)).token())
			.isEqualTo("tok");
		second.close();
		// within the linger, a new credential finds the warm pool
		try (ClientSecretCredential next = ownClientCredential().connectTimeout(connectTimeout).build()) {
			assertThat(((TokenConnectionPool) next.httpClient().owned()).connections())
				.isSameAs(firstPool.connections());
			assertThat(next.getToken("api://next/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
		}
		await().atMost(Duration.ofSeconds(10)).until(firstPool::isDisposed);
		assertThat(otherPool.isDisposed()).isFalse();
		other.close();
		await().atMost(Duration.ofSeconds(10)).until(otherPool::isDisposed);
	}

	@Test
	void credentialsShareOneSetOfEventLoopsAndTheLastCloseGivesItBack() {
		int before = SharedEventLoops.users();
		TokenConnectionPool first = TokenConnectionPool.create();
		TokenConnectionPool second = TokenConnectionPool.create();
		assertThat(SharedEventLoops.users()).isEqualTo(before + 2);
		first.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> SharedEventLoops.users() == before + 1);
		second.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> SharedEventLoops.users() == before);
	}

	@Test
	void jdkClientGetsTokens() {
		stubTokens();
		TokenHttpClient jdk = TokenHttpClient.createOnJdkClient(Duration.ofSeconds(5), Duration.ofSeconds(5), 65536);
		try (ClientSecretCredential credential = ownClientCredential().webClient(jdk.webClient(), jdk).build()) {
			assertThat(credential.getToken("api://jdk/.default").block(Duration.ofSeconds(10)).token())
				.isEqualTo("tok");
			assertThat(TestCredentials.form(entra.getAllServeEvents().get(0).getRequest()))
				.containsEntry("client_secret", TestCredentials.SECRET);
		}
	}

	@Test
	void jdkClientDoesNotFollowRedirects() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(aResponse().withStatus(307).withHeader("Location", "/elsewhere")));
		entra.stubFor(post(urlEqualTo("/elsewhere")).willReturn(TokenResponses.token("tok-redirected", 3600)));
		TokenHttpClient jdk = TokenHttpClient.createOnJdkClient(Duration.ofSeconds(5), Duration.ofSeconds(5), 65536);
		try (ClientSecretCredential credential = ownClientCredential().maxRetries(0)
			.webClient(jdk.webClient(), jdk)
			.build()) {
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getToken("api://jdk/.default").block(Duration.ofSeconds(10)));
			entra.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
		}
	}

	@Test
	void ownReactorClientDoesNotFollowRedirects() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(aResponse().withStatus(307).withHeader("Location", "/elsewhere")));
		entra.stubFor(post(urlEqualTo("/elsewhere")).willReturn(TokenResponses.token("tok-redirected", 3600)));
		try (ClientSecretCredential credential = ownClientCredential().maxRetries(0).build()) {
			assertThat(credential.httpClient().owned()).isInstanceOf(TokenConnectionPool.class);
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getToken("api://reactor/.default").block(Duration.ofSeconds(10)));
			entra.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
		}
	}

	private static ClientSecretCredential.Builder ownClientCredential() {
		// Plain http is allowed to loopback hosts, so the credential's own client needs
		// no trust configuration.
		return ClientSecretCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.clientSecret(TestCredentials.SECRET)
			.authority(entra.getRuntimeInfo().getHttpBaseUrl())
			.environment(Map.of());
	}

	private static void stubTokens() {
		entra.stubFor(post(urlPathMatching(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
	}

}
