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

package io.github.entraidentity.credential.internal;

import java.time.Duration;

/**
 * Limits of the token request: per-attempt response timeout, total time, response size
 * and retries.
 *
 * @param responseTimeout how long one attempt may wait for the whole response
 * @param totalTimeout how long one token request may take across all attempts
 * @param maxResponseBytes the largest response body read
 * @param retryPolicy the retry policy
 * @author Entra Identity contributors
 */
public record EndpointSettings(Duration responseTimeout, Duration totalTimeout, int maxResponseBytes,
		RetryPolicy retryPolicy) {

}
