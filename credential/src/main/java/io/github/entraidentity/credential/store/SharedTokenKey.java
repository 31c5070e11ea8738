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

package io.github.entraidentity.credential.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a shared token is for: the canonical authority that issued it, the client it was
 * issued to, the tenant, the scopes (sorted, so order does not matter) and whether it is
 * CAE-capable. Never holds a secret.
 *
 * @param authority the canonical authority, for example
 * {@code https://login.microsoftonline.com}
 * @param clientId the client (application) id
 * @param tenantId the tenant, lower case
 * @param scopes the scopes, sorted and without duplicates
 * @param cae whether the token is CAE-capable
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record SharedTokenKey(String authority, String clientId, String tenantId, List<String> scopes, boolean cae) {

	/**
	 * Create a key, normalising the tenant to lower case and sorting the scopes.
	 * @param authority the canonical authority
	 * @param clientId the client id
	 * @param tenantId the tenant
	 * @param scopes the scopes
	 * @param cae whether the token is CAE-capable
	 */
	public SharedTokenKey {
		Objects.requireNonNull(authority, "authority must not be null");
		Objects.requireNonNull(clientId, "clientId must not be null");
		tenantId = Objects.requireNonNull(tenantId, "tenantId must not be null").toLowerCase(Locale.ROOT);
		scopes = List.copyOf(new TreeSet<>(Objects.requireNonNull(scopes, "scopes must not be null")));
	}

	/**
	 * Return a stable text form of the key, the same in every process and version of the
	 * fleet: a store may use it as (the source of) its entry name and as associated data
	 * when it encrypts the entry.
	 * @return the text form
	 */
	public String id() {
		StringBuilder id = new StringBuilder(this.cae ? "cae" : "nocae");
		for (String field : fields()) {
			// Length-prefixed, so no field can imitate a separator
			id.append('|').append(field.length()).append(':').append(field);
		}
		return id.toString();
	}

	private List<String> fields() {
		List<String> fields = new ArrayList<>();
		fields.add(this.authority);
		fields.add(this.clientId);
		fields.add(this.tenantId);
		fields.addAll(this.scopes);
		return fields;
	}

}
