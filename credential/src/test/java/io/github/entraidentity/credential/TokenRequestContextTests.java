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

import java.util.Iterator;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The scope set a context is cached under.
 *
 * @author Entra Identity contributors
 */
class TokenRequestContextTests {

	@Test
	void scopeSetIsEqualToAnySetOfTheSameScopesWhateverTheOrder() {
		Set<String> scopeSet = TokenRequestContext.of("api://b/write", "api://a/read", "api://b/write").scopeSet();
		Set<String> plain = Set.of("api://a/read", "api://b/write");
		assertThat(scopeSet).isEqualTo(plain).hasSameHashCodeAs(plain).containsExactly("api://a/read", "api://b/write");
		assertThat(plain).isEqualTo(scopeSet);
		assertThat(scopeSet).isEqualTo(TokenRequestContext.of("api://a/read", "api://b/write").scopeSet());
		assertThat(scopeSet).isNotEqualTo(Set.of("api://a/read"));
	}

	@Test
	void scopeSetIsSharedByDerivedContextsAndCannotBeChanged() {
		TokenRequestContext context = TokenRequestContext.of("api://a/.default");
		assertThat(context.withTenantId("tenant-2").withCaeEnabled(true).withClaims("{}").scopeSet())
			.isSameAs(context.scopeSet());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.scopeSet().add("api://b/.default"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> {
			Iterator<String> scopes = context.scopeSet().iterator();
			scopes.next();
			scopes.remove();
		});
		assertThat(context.scopeSet()).containsExactly("api://a/.default");
	}

}
