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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.testsupport.ResponseGate;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Blocking callers of {@link ClientSecretCredential#getTokenSync(String)}: they share the
 * cache and the single flight with reactive callers, and are refused on Reactor threads.
 *
 * @author Entra Identity contributors
 */
class BlockingCallersTests {

	private static final String SCOPE = "api://x/.default";

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	private static final String SLOW_TENANT = "tenant-slow";

	private static final String SLOW_TOKEN_PATH = "/" + SLOW_TENANT + "/oauth2/v2.0/token";

	private static final ResponseGate gate = new ResponseGate();

	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(TestTls.httpsConfig(TestTls.keystore()).extensions(gate))
		.build();

	private final ClientSecretCredential credential = TestCredentials.builder(entra).build();

	private final ExecutorService threads = Executors.newFixedThreadPool(50);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void servesTheCachedTokenWithoutAnotherRequest() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		AccessToken first = this.credential.getTokenSync(SCOPE);
		AccessToken second = this.credential.getTokenSync(SCOPE);
		AccessToken fromContext = this.credential.getTokenSync(TokenRequestContext.of(SCOPE));
		assertThat(first.token()).isEqualTo("tok-1");
		assertThat(second).isSameAs(first);
		assertThat(fromContext).isSameAs(first);
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void blockingAndReactiveCallersOnAColdCacheShareOneRequest() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		List<Future<AccessToken>> blocking = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			blocking.add(this.threads.submit(() -> this.credential.getTokenSync(SCOPE)));
		}
		CompletableFuture<List<AccessToken>> reactive = Flux.range(0, 50)
			.flatMap((i) -> this.credential.getToken(SCOPE))
			.collectList()
			.toFuture();
		gate.awaitArrivals(1);
		assertThat(reactive).isNotDone();
		gate.release();
		List<AccessToken> tokens = new ArrayList<>(reactive.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS));
		for (Future<AccessToken> caller : blocking) {
			tokens.add(caller.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS));
		}
		assertThat(tokens).hasSize(100).extracting(AccessToken::token).containsOnly("tok-1");
		assertThat(entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)))).hasSize(1);
	}

	@Test
	void throwsTheSharedRequestsErrorToEveryBlockingCaller() throws Exception {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")
				.withTransformers(ResponseGate.NAME)));
		gate.hold();
		AtomicInteger waiting = new AtomicInteger();
		ClientSecretCredential credential = TestCredentials.builder(entra).eventListener(new CredentialEventListener() {

			@Override
			public void cacheAccessed(CacheResult result) {
				waiting.incrementAndGet();
			}

		}).build();
		List<Future<AccessToken>> callers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			callers.add(this.threads.submit(() -> credential.getTokenSync(SCOPE)));
		}
		gate.awaitArrivals(1);
		// Every caller joins the shared request before it fails: a caller that came
		// after the failure would rightly send a request of its own
		await().atMost(SAFETY_NET).until(waiting::get, (count) -> count == 20);
		gate.release();
		for (Future<AccessToken> caller : callers) {
			assertThat(caller).failsWithin(SAFETY_NET)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(ClientAuthenticationException.class)
				.withMessageContaining("AADSTS7000215")
				.withMessageNotContaining(TestCredentials.SECRET);
		}
		assertThat(entra.findAll(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)))).hasSize(1);
	}

	@Test
	void givesUpAfterTheTotalTimeout() {
		entra.stubFor(post(urlEqualTo(SLOW_TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		try (ClientSecretCredential impatient = slowTenantCredential().totalTimeout(Duration.ofMillis(300))
			.maxRetries(0)
			.build()) {
			assertThatExceptionOfType(TokenTransportException.class).isThrownBy(() -> impatient.getTokenSync(SCOPE))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TIMEOUT));
		}
		finally {
			gate.release();
		}
	}

	@Test
	void sendsClaimsOfTheContextAndCachesTheNewToken() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).withRequestBody(containing("claims"))
			.atPriority(1)
			.willReturn(TokenResponses.token("tok-2", 3600)));
		assertThat(this.credential.getTokenSync(SCOPE).token()).isEqualTo("tok-1");
		String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}";
		assertThat(this.credential.getTokenSync(TokenRequestContext.of(SCOPE).withClaims(claims)).token())
			.isEqualTo("tok-2");
		assertThat(this.credential.getTokenSync(SCOPE).token()).isEqualTo("tok-2");
		entra.verify(2, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void refusesToBlockOnAReactorSchedulerThreadEvenWhenTheTokenIsCached() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		this.credential.getTokenSync(SCOPE);
		Mono<AccessToken> onParallel = Mono.fromCallable(() -> this.credential.getTokenSync(SCOPE))
			.subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> onParallel.block(SAFETY_NET))
			.withMessageContaining("getTokenSync")
			.withMessageContaining("getToken(")
			.withMessageContaining("parallel");
	}

	@Test
	void refusesToBlockOnANettyEventLoopThread() {
		entra.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
		Mono<AccessToken> onEventLoop = TestTls.webClient()
			.get()
			.uri(entra.getRuntimeInfo().getHttpsBaseUrl() + "/ping")
			.retrieve()
			.bodyToMono(String.class)
			.map((body) -> this.credential.getTokenSync(TokenRequestContext.of(SCOPE)));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> onEventLoop.block(SAFETY_NET))
			.withMessageContaining("getToken(");
		entra.verify(0, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void interruptedCallerStopsWaitingAndKeepsItsInterruptFlag() throws Exception {
		entra.stubFor(post(urlEqualTo(SLOW_TOKEN_PATH))
			.willReturn(TokenResponses.token("tok-1", 3600).withTransformers(ResponseGate.NAME)));
		gate.hold();
		ClientSecretCredential credential = slowTenantCredential().build();
		try {
			Future<Throwable> caller = this.threads.submit(() -> {
				Thread.currentThread().interrupt();
				try {
					credential.getTokenSync(SCOPE);
					return null;
				}
				catch (CredentialUnavailableException ex) {
					return Thread.currentThread().isInterrupted() ? ex : new AssertionError("interrupt flag lost");
				}
			});
			assertThat(caller.get(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS))
				.isInstanceOf(CredentialUnavailableException.class)
				.hasMessageContaining("Interrupted");
		}
		finally {
			gate.release();
		}
	}

	/**
	 * A credential of another tenant: a request it abandons may still reach the endpoint
	 * during a later test, and the other tests count only the first tenant's requests.
	 */
	private static ClientSecretCredential.Builder slowTenantCredential() {
		return TestCredentials.builder(entra).tenantId(SLOW_TENANT);
	}

}
