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

import io.github.entraidentity.credential.internal.TokenConnectionPool;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link ClientSecretCredential#close()} releases and what still works afterwards.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class CloseTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void closeIsIdempotent() {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		assertThat(credential.isClosed()).isFalse();
		credential.close();
		credential.close();
		assertThat(credential.isClosed()).isTrue();
	}

	@Test
	void closeDoesNotBlockSoItCanRunOnANonBlockingThread() {
		ClientSecretCredential credential = ownedClientCredential();
		// Reactor refuses block() on its parallel threads, so a blocking close would fail
		Mono.fromRunnable(credential::close).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5));
		assertThat(credential.isClosed()).isTrue();
	}

	@Test
	void requestThatNeedsTheNetworkFailsAfterClose() {
		stubToken();
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.close();
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> credential.getToken("api://a/.default").block())
			.withMessageContaining("closed");
		assertThatExceptionOfType(CredentialUnavailableException.class)
			.isThrownBy(() -> credential
				.getToken(TokenRequestContext.of("api://a/.default").withClaims("{\"access_token\":{}}"))
				.block())
			.withMessageContaining("closed");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void cachedTokensAreStillServedAfterClose() {
		stubToken();
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		AccessToken before = credential.getToken("api://a/.default").block();
		AccessToken beforeMulti = credential.getToken("api://b/.default", "api://c/.default").block();
		credential.close();
		assertThat(credential.getToken("api://a/.default").block()).isEqualTo(before);
		assertThat(credential.getToken("api://b/.default", "api://c/.default").block()).isEqualTo(beforeMulti);
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	@Test
	void callersWebClientKeepsWorkingAfterClose() {
		stubToken();
		WebClient webClient = TestTls.webClient();
		ClientSecretCredential credential = TestCredentials.builder(entra).webClient(webClient).build();
		credential.getToken("api://a/.default").block();
		credential.close();
		assertThat(credential.httpClient().owned()).isNull();
		String body = webClient.post()
			.uri(entra.getRuntimeInfo().getHttpsBaseUrl() + TestCredentials.TOKEN_PATH)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(body).contains("access_token");
	}

	@Test
	void ownConnectionPoolIsGivenBackOnClose() {
		stubToken();
		ClientSecretCredential credential = ownedClientCredential();
		assertThat(credential.getToken("api://a/.default").block().token()).isEqualTo("tok");
		assertThat(credential.httpClient().owned()).isInstanceOf(TokenConnectionPool.class);
		TokenConnectionPool pool = (TokenConnectionPool) credential.httpClient().owned();
		assertThat(pool.isClosed()).isFalse();
		credential.close();
		assertThat(pool.isClosed()).isTrue();
	}

	private ClientSecretCredential ownedClientCredential() {
		// plain http is allowed to loopback hosts, so the credential's own client needs
		// no
		// trust configuration
		return TestCredentials.builder().authority(entra.getRuntimeInfo().getHttpBaseUrl()).build();
	}

	private void stubToken() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
	}

}
