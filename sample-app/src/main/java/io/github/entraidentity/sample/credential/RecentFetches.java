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

package io.github.entraidentity.sample.credential;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.entraidentity.credential.observation.CredentialEventListener;
import io.github.entraidentity.credential.observation.FetchOutcome;

/**
 * Keeps the outcomes of the most recent token requests to Entra for the status page.
 * Outcomes carry no token.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class RecentFetches implements CredentialEventListener {

	private final int capacity;

	private final Deque<FetchOutcome> outcomes = new ArrayDeque<>();

	/**
	 * Create a buffer for the given number of outcomes.
	 * @param capacity how many outcomes to keep
	 */
	public RecentFetches(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public void tokenFetched(FetchOutcome outcome) {
		synchronized (this.outcomes) {
			this.outcomes.addFirst(outcome);
			while (this.outcomes.size() > this.capacity) {
				this.outcomes.removeLast();
			}
		}
	}

	/**
	 * Return the kept outcomes, the most recent first.
	 * @return the outcomes
	 */
	public List<FetchOutcome> recent() {
		synchronized (this.outcomes) {
			return List.copyOf(this.outcomes);
		}
	}

}
