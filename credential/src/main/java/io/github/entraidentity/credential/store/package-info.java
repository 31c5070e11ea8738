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
 * The SPI of a token store shared beyond one process (L2 behind a credential's in-memory
 * cache), such as the Redis store of {@code entra-identity-redis}: implement
 * {@link io.github.entraidentity.credential.store.SharedTokenStore} and pass it to a
 * credential's builder. Stores see tokens with their keys
 * ({@link io.github.entraidentity.credential.store.SharedTokenKey}) and must encrypt them
 * at rest.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/operating.md">operating
 * it</a> (the persistent cache and the Redis fleet cache).
 */
@NullMarked
package io.github.entraidentity.credential.store;

import org.jspecify.annotations.NullMarked;
