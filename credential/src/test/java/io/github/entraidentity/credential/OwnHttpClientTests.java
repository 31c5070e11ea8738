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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
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
	void credentialsShareOnePoolAndItEndsAfterTheLastCloseAndTheLinger() {
		stubTokens();
		Duration linger = SharedTokenConnections.linger(Duration.ofMillis(200));
		try {
			int before = SharedTokenConnections.users();
			ClientSecretCredential first = ownClientCredential().build();
			ClientSecretCredential second = ownClientCredential().build();
			assertThat(SharedTokenConnections.users()).isEqualTo(before + 2);
			TokenConnectionPool firstPool = (TokenConnectionPool) first.httpClient().owned();
			TokenConnectionPool secondPool = (TokenConnectionPool) second.httpClient().owned();
			assertThat(firstPool.resources()).isSameAs(secondPool.resources());
			assertThat(first.getToken("api://first/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
			assertThat(second.getToken("api://second/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
			first.close();
			assertThat(SharedTokenConnections.users()).isEqualTo(before + 1);
			assertThat(second.getToken("api://after-first-closed/.default").block(Duration.ofSeconds(10)).token())
				.isEqualTo("tok");
			second.close();
			assertThat(SharedTokenConnections.users()).isEqualTo(before);
			if (before == 0) {
				await().atMost(Duration.ofSeconds(10)).until(secondPool.resources()::isDisposed);
			}
		}
		finally {
			SharedTokenConnections.linger(linger);
		}
	}

	@Test
	void credentialCreatedRightAfterTheLastOneClosedReusesItsConnections() {
		stubTokens();
		ClientSecretCredential first = ownClientCredential().build();
		assertThat(first.getToken("api://first/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
		SharedTokenConnections.Resources used = ((TokenConnectionPool) first.httpClient().owned()).resources();
		first.close();
		try (ClientSecretCredential next = ownClientCredential().build()) {
			assertThat(((TokenConnectionPool) next.httpClient().owned()).resources()).isSameAs(used);
			assertThat(used.isDisposed()).isFalse();
			assertThat(next.getToken("api://next/.default").block(Duration.ofSeconds(10)).token()).isEqualTo("tok");
		}
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
