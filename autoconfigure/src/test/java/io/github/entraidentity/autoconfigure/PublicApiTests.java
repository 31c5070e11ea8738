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
package io.github.entraidentity.autoconfigure;

import io.github.entraidentity.testsupport.PublicSignatures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public types of the auto-configuration, health indicators and meters never show an
 * internal type of the library.
 *
 * @author Entra Identity contributors
 */
class PublicApiTests {

	@Test
	void noPublicSignatureNamesAnInternalType() {
		assertThat(PublicSignatures.internalTypesIn(IdentityAutoConfiguration.class)).isEmpty();
	}

}
