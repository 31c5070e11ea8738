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

/**
 * Whose tokens a credential requests and where from: the tenant and client it acts as,
 * the authority that issues its tokens and the tenants a request may ask for. Part of the
 * cache keys shared beyond the process, and named in logs.
 *
 * @param tenantId the configured tenant
 * @param clientId the application (client) id
 * @param authority the authority
 * @param tenants resolves the tenant of each request
 * @author Entra Identity contributors
 */
public record CredentialIdentity(String tenantId, String clientId, Authority authority, TenantResolver tenants) {

}
