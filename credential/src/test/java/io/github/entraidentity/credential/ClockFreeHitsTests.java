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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cache hit on a long-lived token does not read the clock: a timer ends that period
 * shortly before the token's refresh point, after which hits read the clock again and the
 * refresh starts at the refresh point as before. Lookups by key (other tenants, several
 * scopes), blocking or reactive, share one clock reading per second instead, until
 * shortly before a token's refresh point.
 *
 * @author Entra Identity contributors
 */
class ClockFreeHitsTests {

	private static final String SCOPE = "api://clock/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ClockReadCounter scheduler = new ClockReadCounter(this.time);

	private ClientSecretCredential credential;

	@BeforeEach
	void createCredential() {
		this.time.advanceTimeTo(Instant.now());
		this.credential = TestCredentials.builder(entra)
			.scheduler(this.scheduler)
			.responseTimeout(Duration.ofDays(1))
			.totalTimeout(Duration.ofDays(1))
			.build();
	}

	@AfterEach
	void closeCredential() {
		this.credential.close();
	}

	@Test
	void hitsOnALongLivedTokenReadNoClockUntilJustBeforeItsRefreshPoint() {
		respondWith("tok-1", 3600);
		assertThat(getToken()).isEqualTo("tok-1");
		this.scheduler.reads.set(0);
		for (int i = 0; i < 50; i++) {
			assertThat(getToken()).isEqualTo("tok-1");
			assertThat(this.credential.getTokenSync(SCOPE).token()).isEqualTo("tok-1");
		}
		assertThat(this.scheduler.reads).as("clock reads by 100 hits").hasValue(0);
		// The refresh point is 5 minutes before expiry; the clock-free period ends a
		// second before it
		this.time.advanceTimeBy(Duration.ofSeconds(3299));
		assertThat(getToken()).isEqualTo("tok-1");
		assertThat(this.scheduler.reads).as("clock reads once the period ended").hasPositiveValue();
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(getToken()).isEqualTo("tok-1");
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		respondWith("tok-2", 3600);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(getToken()).as("the old token while the refresh runs").isEqualTo("tok-1");
		await().atMost(Duration.ofSeconds(10)).until(() -> getToken().equals("tok-2"));
		entra.verify(2, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
		this.scheduler.reads.set(0);
		assertThat(getToken()).isEqualTo("tok-2");
		assertThat(this.scheduler.reads).as("the new token's hits read no clock").hasValue(0);
	}

	@ParameterizedTest(name = "reactive: {0}")
	@ValueSource(booleans = { false, true })
	void lookupsOfOtherTenantsReadTheClockOncePerClockFreePeriodUntilJustBeforeTheRefreshPoint(boolean reactive) {
		ClientSecretCredential multiTenant = multiTenantCredential("tok", 3600);
		try {
			List<TokenRequestContext> tenants = IntStream.range(0, 10)
				.mapToObj((i) -> TokenRequestContext.of(SCOPE).withTenantId("tenant-" + (i + 2)))
				.toList();
			tenants.forEach(multiTenant::getTokenSync);
			for (int period = 0; period < 2; period++) {
				this.time.advanceTimeBy(Duration.ofSeconds(1));
				this.scheduler.reads.set(0);
				for (int i = 0; i < 10; i++) {
					tenants.forEach((context) -> assertThat(lookUp(multiTenant, context, reactive)).isEqualTo("tok"));
				}
				assertThat(this.scheduler.reads).as("clock reads by 100 lookups in one period").hasValue(1);
			}
			// The refresh point is 5 minutes before expiry: a second before it, every
			// lookup reads the clock again
			this.time.advanceTimeBy(Duration.ofSeconds(3297));
			this.scheduler.reads.set(0);
			tenants.forEach((context) -> assertThat(lookUp(multiTenant, context, reactive)).isEqualTo("tok"));
			assertThat(this.scheduler.reads).as("clock reads by 10 lookups").hasValueGreaterThanOrEqualTo(10);
			entra.verify(10, postRequestedFor(urlMatching("/[^/]+/oauth2/v2.0/token")));
		}
		finally {
			multiTenant.close();
		}
	}

	@Test
	void hitsOnAShortLivedTokenReadTheClock() {
		// refreshed at half-life, 20 s before expiry: too close for a timer to decide
		respondWith("tok-short", 40);
		assertThat(getToken()).isEqualTo("tok-short");
		this.scheduler.reads.set(0);
		for (int i = 0; i < 10; i++) {
			assertThat(getToken()).isEqualTo("tok-short");
		}
		assertThat(this.scheduler.reads).hasValueGreaterThanOrEqualTo(10);
	}

	@Test
	void lookupsOfAnotherTenantsShortLivedTokenReadTheClock() {
		ClientSecretCredential multiTenant = multiTenantCredential("tok-short", 40);
		try {
			TokenRequestContext context = TokenRequestContext.of(SCOPE).withTenantId("tenant-2");
			multiTenant.getTokenSync(context);
			this.scheduler.reads.set(0);
			for (int i = 0; i < 10; i++) {
				assertThat(multiTenant.getTokenSync(context).token()).isEqualTo("tok-short");
			}
			assertThat(this.scheduler.reads).hasValueGreaterThanOrEqualTo(10);
		}
		finally {
			multiTenant.close();
		}
	}

	// A credential for any tenant, whose endpoint answers every tenant with the token
	private ClientSecretCredential multiTenantCredential(String token, long expiresIn) {
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token(token, expiresIn)));
		return TestCredentials.builder(entra)
			.scheduler(this.scheduler)
			.additionallyAllowedTenants(List.of("*"))
			.build();
	}

	private static String lookUp(ClientSecretCredential credential, TokenRequestContext context, boolean reactive) {
		return (reactive) ? credential.getToken(context).block(Duration.ofSeconds(10)).token()
				: credential.getTokenSync(context).token();
	}

	private String getToken() {
		return this.credential.getToken(SCOPE).block(Duration.ofSeconds(10)).token();
	}

	private static void respondWith(String token, long expiresIn) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token(token, expiresIn)));
	}

	/**
	 * Virtual time that counts how often the credential reads the clock.
	 */
	private static final class ClockReadCounter implements Scheduler {

		final AtomicInteger reads = new AtomicInteger();

		private final VirtualTimeScheduler time;

		ClockReadCounter(VirtualTimeScheduler time) {
			this.time = time;
		}

		@Override
		public long now(TimeUnit unit) {
			this.reads.incrementAndGet();
			return this.time.now(unit);
		}

		@Override
		public Disposable schedule(Runnable task) {
			return this.time.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			return this.time.schedule(task, delay, unit);
		}

		@Override
		public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
			return this.time.schedulePeriodically(task, initialDelay, period, unit);
		}

		@Override
		public Worker createWorker() {
			return this.time.createWorker();
		}

	}

}
