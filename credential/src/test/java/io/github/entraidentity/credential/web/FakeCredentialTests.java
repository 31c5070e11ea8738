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
package io.github.entraidentity.credential.web;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's unit test does: fake the credential with a lambda and hand it to the
 * filter and the interceptor, with no Entra at all.
 *
 * @author Entra Identity contributors
 */
class FakeCredentialTests {

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private final List<TokenRequestContext> requests = new CopyOnWriteArrayList<>();

	private final EntraCredential fake = (context) -> {
		this.requests.add(context);
		return Mono.just(new AccessToken("fake-token", Instant.now().plusSeconds(3600), "Bearer", null));
	};

	@Test
	void aLambdaCredentialAuthenticatesWebClientRequests() {
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		String body = TestTls.webClient()
			.mutate()
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.filter(BearerTokenFilter.of(this.fake, "api://orders/.default"))
			.build()
			.get()
			.uri("/data")
			.retrieve()
			.bodyToMono(String.class)
			.block();
		assertThat(body).isEqualTo("ok");
		api.verify(getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer fake-token")));
		assertThat(this.requests).singleElement()
			.satisfies((context) -> assertThat(context.scopes()).containsExactly("api://orders/.default"));
	}

	@Test
	void aLambdaCredentialAuthenticatesRestClientRequests() {
		api.stubFor(get("/data").willReturn(aResponse().withStatus(200).withBody("ok")));
		String body = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().sslContext(TestTls.trustingJdkSslContext()).build()))
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.requestInterceptor(BearerTokenInterceptor.of(this.fake, "api://orders/.default"))
			.build()
			.get()
			.uri("/data")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("ok");
		api.verify(getRequestedFor(urlEqualTo("/data")).withHeader("Authorization", equalTo("Bearer fake-token")));
		assertThat(this.requests).singleElement()
			.satisfies((context) -> assertThat(context.scopes()).containsExactly("api://orders/.default"));
	}

}
