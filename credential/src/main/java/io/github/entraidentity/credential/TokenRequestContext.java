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

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Immutable description of the token a caller wants: scopes, and optionally claims, a
 * tenant and Continuous Access Evaluation. Reuse an instance across calls: the scope set
 * used as the cache key is computed once.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class TokenRequestContext {

	private final List<String> scopes;

	private final @Nullable String claims;

	private final @Nullable String tenantId;

	private final boolean caeEnabled;

	private final Set<String> scopeSet;

	private TokenRequestContext(List<String> scopes, @Nullable String claims, @Nullable String tenantId,
			boolean caeEnabled, Set<String> scopeSet) {
		this.scopes = scopes;
		this.claims = claims;
		this.tenantId = tenantId;
		this.caeEnabled = caeEnabled;
		this.scopeSet = scopeSet;
	}

	/**
	 * Create a context for the given scopes, sent verbatim and in this order.
	 * @param scopes the scopes, at least one
	 * @return a new context without claims, tenant or CAE
	 * @throws IllegalArgumentException if no scope is given or a scope is null or blank
	 */
	public static TokenRequestContext of(String... scopes) {
		Objects.requireNonNull(scopes, "scopes must not be null");
		if (scopes.length == 0) {
			throw new IllegalArgumentException(
					"getToken requires at least one scope, for example \"https://graph.microsoft.com/.default\"");
		}
		for (String scope : scopes) {
			if (scope == null || scope.isBlank()) {
				throw new IllegalArgumentException("getToken scopes must not be null or blank, but scope "
						+ (Arrays.asList(scopes).indexOf(scope) + 1) + " of " + scopes.length + " was "
						+ ((scope != null) ? "blank" : "null"));
			}
		}
		List<String> list = List.copyOf(Arrays.asList(scopes));
		return new TokenRequestContext(list, null, null, false, new ScopeSet(new TreeSet<>(list)));
	}

	/**
	 * Return a copy that asks for the given claims (for example from a claims challenge).
	 * A request with claims bypasses the token cache.
	 * @param claims the claims JSON, or {@code null} for none
	 * @return a new context
	 */
	public TokenRequestContext withClaims(@Nullable String claims) {
		return new TokenRequestContext(this.scopes, claims, this.tenantId, this.caeEnabled, this.scopeSet);
	}

	/**
	 * Return a copy that asks for a token from the given tenant.
	 * @param tenantId the tenant, or {@code null} for the credential's own tenant
	 * @return a new context
	 */
	public TokenRequestContext withTenantId(@Nullable String tenantId) {
		return new TokenRequestContext(this.scopes, this.claims, tenantId, this.caeEnabled, this.scopeSet);
	}

	/**
	 * Return a copy with Continuous Access Evaluation on or off.
	 * @param caeEnabled whether to request a CAE-capable token
	 * @return a new context
	 */
	public TokenRequestContext withCaeEnabled(boolean caeEnabled) {
		return new TokenRequestContext(this.scopes, this.claims, this.tenantId, caeEnabled, this.scopeSet);
	}

	/**
	 * Return the scopes in the order they are sent.
	 * @return the scopes
	 */
	public List<String> scopes() {
		return this.scopes;
	}

	/**
	 * Return the claims to request, if any.
	 * @return the claims JSON or {@code null}
	 */
	public @Nullable String claims() {
		return this.claims;
	}

	/**
	 * Return the tenant to request a token from, if not the credential's own.
	 * @return the tenant or {@code null}
	 */
	public @Nullable String tenantId() {
		return this.tenantId;
	}

	/**
	 * Return whether Continuous Access Evaluation is requested.
	 * @return whether CAE is enabled
	 */
	public boolean caeEnabled() {
		return this.caeEnabled;
	}

	/**
	 * Return the scopes as a set, the form that tells which cached token serves the
	 * request.
	 * @return the scope set
	 */
	public Set<String> scopeSet() {
		return this.scopeSet;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof TokenRequestContext other)) {
			return false;
		}
		return this.caeEnabled == other.caeEnabled && this.scopes.equals(other.scopes)
				&& Objects.equals(this.claims, other.claims) && Objects.equals(this.tenantId, other.tenantId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.scopes, this.claims, this.tenantId, this.caeEnabled);
	}

	@Override
	public String toString() {
		return "TokenRequestContext[scopes=" + this.scopes + ", tenantId=" + this.tenantId + ", caeEnabled="
				+ this.caeEnabled + ", claims=" + ((this.claims != null) ? "present" : "none") + "]";
	}

	/**
	 * The scopes as an unmodifiable set in sorted order that knows its hash: every cached
	 * lookup hashes the scope set into its key, and walking the set for it each time cost
	 * more than the rest of the key.
	 */
	private static final class ScopeSet extends AbstractSet<String> {

		private final Set<String> scopes;

		private final int hash;

		ScopeSet(Set<String> scopes) {
			this.scopes = Collections.unmodifiableSet(scopes);
			this.hash = scopes.hashCode();
		}

		@Override
		public Iterator<String> iterator() {
			return this.scopes.iterator();
		}

		@Override
		public int size() {
			return this.scopes.size();
		}

		@Override
		public boolean contains(Object o) {
			return this.scopes.contains(o);
		}

		@Override
		public boolean equals(@Nullable Object obj) {
			return obj == this || this.scopes.equals(obj);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
