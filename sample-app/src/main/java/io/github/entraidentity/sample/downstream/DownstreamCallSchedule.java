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

package io.github.entraidentity.sample.downstream;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Calls the downstream API right after startup and then periodically, one call at a time.
 * Turned off with {@code sample.downstream.schedule=false}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class DownstreamCallSchedule implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DownstreamCallSchedule.class);

	private final DownstreamClient client;

	private final Duration interval;

	private volatile @Nullable Disposable subscription;

	DownstreamCallSchedule(DownstreamClient client, Duration interval) {
		this.client = client;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.subscription = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> this.client.call(), 0)
			.subscribe((call) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Downstream call " + call.url() + " answered " + call.status());
				}
			});
	}

	@Override
	public void stop() {
		Disposable subscription = this.subscription;
		if (subscription != null) {
			subscription.dispose();
			this.subscription = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
