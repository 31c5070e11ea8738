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

package io.github.entraidentity.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A WireMock response transformer that holds responses until the test releases them, so a
 * test can observe what callers get while a token request is still in flight without
 * guessing at delays. Stubs opt in with {@code .withTransformers(ResponseGate.NAME)}.
 *
 * @author Entra Identity contributors
 */
public final class ResponseGate implements ResponseTransformerV2 {

	/**
	 * The name stubs use to opt in.
	 */
	public static final String NAME = "response-gate";

	/**
	 * Longest a held response or a waiting test waits, so a broken test fails instead of
	 * hanging.
	 */
	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	private final Semaphore arrivals = new Semaphore(0);

	private volatile CountDownLatch open = new CountDownLatch(0);

	/**
	 * Hold every response from now until {@link #release()}.
	 */
	public void hold() {
		this.arrivals.drainPermits();
		this.open = new CountDownLatch(1);
	}

	/**
	 * Let held and future responses through.
	 */
	public void release() {
		this.open.countDown();
	}

	/**
	 * Wait until the given number of requests reached the gate since {@link #hold()}.
	 * @param count the number of requests
	 */
	public void awaitArrivals(int count) {
		try {
			if (!this.arrivals.tryAcquire(count, SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("Expected " + count + " request(s) to reach the gate within " + SAFETY_NET);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		CountDownLatch latch = this.open;
		this.arrivals.release();
		try {
			latch.await(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return response;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
