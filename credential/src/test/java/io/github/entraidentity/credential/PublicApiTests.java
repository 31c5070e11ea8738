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

import java.util.List;

import io.github.entraidentity.credential.fixture.LeakyApi;
import io.github.entraidentity.testsupport.PublicSignatures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's public packages never show an internal type: users compile against the
 * API alone, and the internals stay free to change.
 *
 * @author Entra Identity contributors
 */
class PublicApiTests {

	@Test
	void noPublicSignatureOfTheLibraryNamesAnInternalType() {
		assertThat(PublicSignatures.internalTypesIn(EntraCredential.class)).isEmpty();
	}

	@Test
	void anInternalTypeInAPublicSignatureIsFound() {
		List<String> violations = PublicSignatures.internalTypesIn(LeakyApi.class);
		assertThat(violations).contains(
				LeakyApi.class.getName() + " method pipeline: "
						+ "io.github.entraidentity.credential.internal.TokenPipeline",
				LeakyApi.class.getName() + " method keys: io.github.entraidentity.credential.internal.TokenKey",
				LeakyApi.class.getName() + " constructor: io.github.entraidentity.credential.internal.CachedToken");
		assertThat(violations).noneMatch((violation) -> violation.contains("hidden"));
	}

}
