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

package io.github.entraidentity.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A token request the emulator received, as a test reads it back through
 * {@link EntraEmulator#tokenRequests()}. The client secret is never kept.
 *
 * @param receivedAt when the request arrived, by the emulator's clock
 * @param tenant the tenant in the request path
 * @param clientId the {@code client_id} sent, or {@code null}
 * @param scope the {@code scope} sent, or {@code null}
 * @param claims the {@code claims} sent (a claims challenge answer or client
 * capabilities), or {@code null}
 * @param correlationId the caller's {@code client-request-id} header, or {@code null}
 * @param status the HTTP status of the answer
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record TokenRequest(Instant receivedAt, String tenant, @Nullable String clientId, @Nullable String scope,
		@Nullable String claims, @Nullable String correlationId, int status) {

	String clientIdOrEmpty() {
		return (this.clientId != null) ? this.clientId : "";
	}

	TokenRequest withStatus(int status) {
		return new TokenRequest(this.receivedAt, this.tenant, this.clientId, this.scope, this.claims,
				this.correlationId, status);
	}

}
