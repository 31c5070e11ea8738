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

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a requested tenant resolves to: the properties the pipeline's cached lookups rely
 * on.
 *
 * @author Entra Identity contributors
 */
class TenantResolverTests {

	@Test
	void anAllowedTenantResolvesToTheCallersOwnInstance() {
		// so that the key it is cached under compares with the next request's by identity
		String requested = new String("tenant-2");
		assertThat(new TenantResolver("tenant-1", List.of("*"), false).resolve(requested)).isSameAs(requested);
		assertThat(new TenantResolver("tenant-1", List.of("Tenant-2"), false).resolve(requested)).isSameAs(requested);
	}

	@Test
	void aResolvedTenantResolvesToItself() {
		// a tenant the cache holds a key for needs no resolving again
		TenantResolver resolver = new TenantResolver("tenant-1", List.of("tenant-2"), false);
		for (String requested : Arrays.asList(null, "tenant-1", "TENANT-1", "tenant-2", "TENANT-2")) {
			String resolved = resolver.resolve(requested);
			assertThat(resolver.resolve(resolved)).as(requested).isEqualTo(resolved);
		}
	}

}
