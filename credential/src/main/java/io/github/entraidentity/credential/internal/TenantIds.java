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
 * Validation of tenant ids, so that a tenant can never change the token URL's path.
 *
 * @author Entra Identity contributors
 */
public final class TenantIds {

	static final String FIND_IDS_LINK = "https://learn.microsoft.com/partner-center/find-ids-and-domain-names";

	private static final int MAX_LENGTH = 256;

	private TenantIds() {
	}

	/**
	 * What to do about a missing or invalid tenant id.
	 */
	public static final String ACTION = "Set it to the Microsoft Entra tenant (directory) id, a GUID or a domain such as"
			+ " contoso.onmicrosoft.com (see " + FIND_IDS_LINK + ").";

	/**
	 * Check that a tenant id has only {@code [A-Za-z0-9.-]}, no {@code ..} and a sane
	 * length.
	 * @param tenantId the tenant id
	 * @param what how to call the value in the message
	 * @return the tenant id
	 * @throws IllegalArgumentException if it is invalid
	 */
	static String validate(String tenantId, String what) {
		if (problem(tenantId) != null) {
			throw new IllegalArgumentException("Invalid tenant ID provided for " + what
					+ ": it may contain only letters, digits, '.' and '-' (at most " + MAX_LENGTH
					+ " characters). You can locate your tenant ID by following the instructions here: "
					+ FIND_IDS_LINK);
		}
		return tenantId;
	}

	/**
	 * Return what is wrong with a tenant id, without echoing it.
	 * @param tenantId the tenant id
	 * @return the problem, or {@code null} when the tenant id is valid
	 */
	public static @Nullable String problem(String tenantId) {
		if (tenantId.isEmpty()) {
			return "it is empty";
		}
		if (tenantId.length() > MAX_LENGTH) {
			return "it is longer than " + MAX_LENGTH + " characters";
		}
		if (!hasOnlyValidCharacters(tenantId)) {
			return "it may contain only letters, digits, '.' and '-'";
		}
		if (tenantId.contains("..")) {
			return "it must not contain '..'";
		}
		return null;
	}

	private static boolean hasOnlyValidCharacters(String tenantId) {
		for (int i = 0; i < tenantId.length(); i++) {
			char c = tenantId.charAt(i);
			boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '-';
			if (!valid) {
				return false;
			}
		}
		return true;
	}

}
