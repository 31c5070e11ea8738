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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client assertions the application supplies: asked for once per token request, never for
 * a cached token, never on an event loop, and a failing supplier is a clear
 * authentication failure that names no secret.
 *
 * @author Entra Identity contributors
 */
class ClientAssertionCredentialTests {

	private static final String SCOPE = "https://graph.microsoft.com/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final List<Thread> supplierThreads = new CopyOnWriteArrayList<>();

	@BeforeEach
	void stubEntra() {
		entra.stubFor(
				post(urlEqualTo(TestCredentials.TOKEN_PATH)).withRequestBody(containing("client_assertion=app-jwt"))
					.willReturn(TokenResponses.token("tok-1", 3600)));
	}

	@Test
	void theSupplierIsAskedOncePerTokenRequestOffTheEventLoops() {
		ClientAssertionCredential credential = builder().clientAssertion(() -> {
			this.supplierThreads.add(Thread.currentThread());
			return "app-jwt";
		}).build();
		for (int i = 0; i < 3; i++) {
			assertThat(credential.getToken(SCOPE).block().token()).isEqualTo("tok-1");
		}
		assertThat(this.supplierThreads).singleElement()
			.satisfies((thread) -> assertThat(thread).isNotInstanceOf(NonBlocking.class));
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))
			.withRequestBody(containing("client_assertion=app-jwt")));
		assertThat(credential.clientAuthentication().method()).isEqualTo("client_assertion");
	}

	@Test
	void thePublisherIsGivenTheTokenEndpointAsAudience() {
		List<String> audiences = new CopyOnWriteArrayList<>();
		ClientAssertionCredential credential = builder().clientAssertionPublisher((audience) -> {
			audiences.add(audience);
			return Mono.just("app-jwt");
		}).build();
		credential.getToken(SCOPE).block();
		assertThat(audiences).containsExactly(entra.baseUrl() + TestCredentials.TOKEN_PATH);
	}

	@Test
	void aFailingSupplierIsAnAuthenticationFailureNamingOnlyItsType() {
		ClientAssertionCredential credential = builder().clientAssertion(() -> {
			throw new IllegalStateException("vault said no for key s3cr3t-material");
		}).build();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> credential.getToken(SCOPE).block())
			.withMessageContaining("client assertion supplier failed with java.lang.IllegalStateException")
			.withMessageNotContaining("s3cr3t");
		entra.verify(0, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void exactlyOneSourceOfAssertions() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class).isThrownBy(() -> builder().build())
			.withMessageContaining("clientAssertion must be set");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> builder().clientAssertion(() -> "a")
				.clientAssertionPublisher((audience) -> Mono.just("b"))
				.build())
			.withMessageContaining("clientAssertionPublisher is set together with clientAssertion");
	}

	private static ClientAssertionCredential.Builder builder() {
		return ClientAssertionCredential.builder()
			.tenantId(TestCredentials.TENANT)
			.clientId(TestCredentials.CLIENT_ID)
			.authority(entra.baseUrl())
			.webClient(TestTls.webClient())
			.environment(Map.of());
	}

}
