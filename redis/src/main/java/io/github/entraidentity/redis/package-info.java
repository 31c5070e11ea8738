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

/**
 * A Redis token cache (L2) shared by a fleet of credentials: {@link RedisTokenStore}
 * implements the credential's
 * {@link io.github.entraidentity.credential.store.SharedTokenStore} on Spring Data
 * Redis's reactive API, and its metrics. The auto-configuration
 * ({@code identity.cache.redis.*}) and the health indicator live in the auto-configure
 * module.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/operating.md">operating
 * it</a> (the Redis fleet cache).
 */
@NullMarked
package io.github.entraidentity.redis;

import org.jspecify.annotations.NullMarked;
