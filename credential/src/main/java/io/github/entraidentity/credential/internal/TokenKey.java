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

import java.util.Set;

/**
 * What a cached token is for: the resolved tenant, the set of scopes (order-insensitive)
 * and whether it is CAE-capable. CAE and non-CAE tokens never share a key.
 *
 * @param tenantId the resolved tenant
 * @param scopes the scopes, as an unmodifiable set
 * @param cae whether the token is CAE-capable
 * @author Entra Identity contributors
 */
public record TokenKey(String tenantId, Set<String> scopes, boolean cae) {

}
