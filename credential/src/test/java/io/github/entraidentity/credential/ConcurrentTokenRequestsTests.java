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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.testsupport.ResponseGate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers asking for the same token at once share one request to Entra.
 *
 * @author Entra Identity contributors
 */
class ConcurrentTokenRequestsTests {

	private static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final String SCOPE = "api://x/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	private static final ResponseGate gate = new ResponseGate();

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock(gate);

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		this.scheduler.advanceTimeTo(Instant.now());
		this.credential = TestCredentials.builder(entra).scheduler(this.scheduler).build();
	}

	@Test
	void thousandConcurrentCallersOnAColdCacheShareOneRequestAndOneToken() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		CompletableFuture<List<AccessToken>> callers = Flux.range(0, 1000)
			.flatMap((i) -> this.credential.getToken(SCOPE), 1000)
			.collectList()
			.toFuture();
		gate.awaitArrivals(1);
		assertThat(callers).isNotDone();
		gate.release();
		List<AccessToken> tokens = callers.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(tokens).hasSize(1000);
		assertThat(tokens).extracting(AccessToken::token).containsOnly("tok-1");
		assertThat(tokens.stream().distinct()).hasSize(1);
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void thousandConcurrentCallersOnAColdCacheShareOneFailedRequestAndItsError() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.error(400, "invalid_client", 7000215, "Invalid client secret provided.")
				.withTransformers(ResponseGate.NAME)));
		gate.hold();
		CompletableFuture<List<Throwable>> callers = Flux.range(0, 1000)
			.flatMap((i) -> this.credential.getToken(SCOPE).then(Mono.<Throwable>empty()).onErrorResume(Mono::just),
					1000)
			.collectList()
			.toFuture();
		gate.awaitArrivals(1);
		gate.release();
		List<Throwable> errors = callers.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(errors).hasSize(1000);
		assertThat(errors).allSatisfy((error) -> assertThat(error).isInstanceOf(ClientAuthenticationException.class)
			.extracting("error")
			.isEqualTo("invalid_client"));
		assertThat(errors.stream().distinct()).hasSize(1);
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void callersOfAnotherKeyDoNotWaitForAnInFlightRequest() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("slow"))
			.willReturn(TokenResponses.token("tok-slow", 3600).withTransformers(ResponseGate.NAME)));
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("fast"))
			.willReturn(TokenResponses.token("tok-fast", 3600)));
		gate.hold();
		CompletableFuture<AccessToken> slow = this.credential.getToken("api://slow/.default").toFuture();
		gate.awaitArrivals(1);
		assertThat(this.credential.getToken("api://fast/.default").block(SAFETY_NET).token()).isEqualTo("tok-fast");
		assertThat(slow).isNotDone();
		gate.release();
		assertThat(slow.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS).token()).isEqualTo("tok-slow");
	}

	@Test
	void cancelledCallerDoesNotCancelTheSharedRequestForOthers() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		Disposable cancelled = this.credential.getToken(SCOPE).subscribe();
		gate.awaitArrivals(1);
		CompletableFuture<AccessToken> other = this.credential.getToken(SCOPE).toFuture();
		cancelled.dispose();
		gate.release();
		assertThat(other.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS).token()).isEqualTo("tok-1");
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void requestWhoseOnlyCallerCancelledStillFillsTheCache() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		this.credential.getToken(SCOPE).subscribe().dispose();
		gate.awaitArrivals(1);
		gate.release();
		Awaitility.await().atMost(SAFETY_NET).until(() -> !this.credential.cachedTokens().isEmpty());
		assertThat(this.credential.getToken(SCOPE).block(SAFETY_NET).token()).isEqualTo("tok-1");
		entra.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

}
