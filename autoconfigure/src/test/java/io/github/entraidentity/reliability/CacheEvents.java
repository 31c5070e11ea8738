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

package io.github.entraidentity.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.entraidentity.credential.observation.CacheResult;
import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.FetchOutcome;

/**
 * Counts what the credential reports to its event listener.
 */
final class CacheEvents implements CredentialEventListener {

	private final Map<CacheResult, AtomicLong> results = new EnumMap<>(CacheResult.class);

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicInteger failedFetches = new AtomicInteger();

	private final AtomicInteger attempts = new AtomicInteger();

	private volatile FetchOutcome lastFetch;

	CacheEvents() {
		for (CacheResult result : CacheResult.values()) {
			this.results.put(result, new AtomicLong());
		}
	}

	@Override
	public void cacheAccessed(CacheResult result) {
		this.results.get(result).incrementAndGet();
	}

	@Override
	public void tokenFetched(FetchOutcome outcome) {
		this.attempts.addAndGet(outcome.attempts());
		if (!outcome.succeeded()) {
			this.failedFetches.incrementAndGet();
		}
		this.lastFetch = outcome;
		this.fetches.incrementAndGet();
	}

	long count(CacheResult result) {
		return this.results.get(result).get();
	}

	long total() {
		return this.results.values().stream().mapToLong(AtomicLong::get).sum();
	}

	int fetches() {
		return this.fetches.get();
	}

	int failedFetches() {
		return this.failedFetches.get();
	}

	int attempts() {
		return this.attempts.get();
	}

	FetchOutcome lastFetch() {
		return this.lastFetch;
	}

	String summary() {
		return "hit=" + count(CacheResult.HIT) + ", refreshing=" + count(CacheResult.REFRESHING) + ", miss="
				+ count(CacheResult.MISS);
	}

}
