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

import java.time.Instant;
import java.util.List;

/**
 * What a cached token is for and when it refreshes and expires, without the token.
 *
 * @param tenantId the tenant
 * @param scopes the scopes
 * @param cae whether the token is CAE-capable
 * @param expiresOn when the token expires
 * @param refreshAt when the cache refreshes it
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record CachedTokenView(String tenantId, List<String> scopes, boolean cae, Instant expiresOn, Instant refreshAt) {

}
