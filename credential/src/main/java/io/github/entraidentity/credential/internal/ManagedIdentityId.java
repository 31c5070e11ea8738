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

import org.jspecify.annotations.Nullable;

/**
 * Which managed identity tokens are requested for: the resource's system-assigned
 * identity, or a user-assigned one by client id, object (principal) id or Azure resource
 * id.
 *
 * @param kind how the identity is named
 * @param value the id, or {@code null} for the system-assigned identity
 * @author Entra Identity contributors
 */
public record ManagedIdentityId(Kind kind, @Nullable String value) {

	/**
	 * The system-assigned identity.
	 */
	public static final ManagedIdentityId SYSTEM_ASSIGNED = new ManagedIdentityId(Kind.SYSTEM_ASSIGNED, null);

	/**
	 * Return the query parameter that names this identity at the given endpoint.
	 * @param endpoint the endpoint
	 * @return the parameter, or {@code null} for the system-assigned identity
	 */
	@Nullable String parameter(ManagedIdentityEndpoint.Kind endpoint) {
		return switch (this.kind) {
			case SYSTEM_ASSIGNED -> null;
			case CLIENT_ID -> "client_id";
			case OBJECT_ID -> "object_id";
			case RESOURCE_ID -> endpoint.resourceIdParameter();
		};
	}

	/**
	 * Describe the identity for diagnostics and shared cache keys.
	 * @return the description, such as {@code user-assigned, client id 1234}
	 */
	public String describe() {
		return (this.kind == Kind.SYSTEM_ASSIGNED) ? "system-assigned"
				: "user-assigned, " + this.kind.displayName + " " + this.value;
	}

	/**
	 * The ways a managed identity is named.
	 */
	public enum Kind {

		/**
		 * The resource's own identity.
		 */
		SYSTEM_ASSIGNED("system-assigned"),

		/**
		 * A user-assigned identity by its client (application) id.
		 */
		CLIENT_ID("client id"),

		/**
		 * A user-assigned identity by its object (principal) id.
		 */
		OBJECT_ID("object id"),

		/**
		 * A user-assigned identity by its Azure resource id.
		 */
		RESOURCE_ID("resource id");

		private final String displayName;

		Kind(String displayName) {
			this.displayName = displayName;
		}

		/**
		 * Return how the kind is named in messages.
		 * @return the name
		 */
		public String displayName() {
			return this.displayName;
		}

	}

}
