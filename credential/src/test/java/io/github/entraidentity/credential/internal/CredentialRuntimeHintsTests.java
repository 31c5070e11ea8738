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

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential's AOT hints cover the resource it reads, and Spring finds them.
 *
 * @author Entra Identity contributors
 */
class CredentialRuntimeHintsTests {

	@Test
	void registersTheVersionResourceThatTheUserAgentReads() {
		RuntimeHints hints = new RuntimeHints();
		new CredentialRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource(CredentialRuntimeHints.VERSION_RESOURCE))
			.accepts(hints);
		assertThat(getClass().getClassLoader().getResource(CredentialRuntimeHints.VERSION_RESOURCE)).isNotNull();
	}

	@Test
	void isListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CredentialRuntimeHints.class);
	}

}
