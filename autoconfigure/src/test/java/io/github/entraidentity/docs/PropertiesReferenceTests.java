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

package io.github.entraidentity.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed property reference ({@code docs/reference/properties.md}) is the one the
 * configuration metadata of this build gives, and every property in it is described.
 * Every run writes {@code target/reference/properties.md}; with
 * {@code -Dproperties-reference.update=true} the run copies it to {@code docs/}.
 *
 * @author Entra Identity contributors
 */
class PropertiesReferenceTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		assertThat(PropertiesReference.fromBuild().rows()).hasSizeGreaterThan(40)
			.allSatisfy((row) -> assertThat(row.description())
				.as("description of %s (the Javadoc of its field; the configuration processor and the reference take it from there)",
						row.name())
				.isNotBlank());
	}

	@Test
	void documentsTheNamedFormAndServiceClients() throws IOException {
		assertThat(PropertiesReference.fromBuild().rows()).extracting(PropertiesReference.Row::name)
			.contains("identity.client-id", "identity.credentials.<name>.client-id",
					"identity.credentials.<name>.client-certificate.ssl-bundle",
					"identity.service-clients.<group>.scopes", "identity.service-clients.<group>.cae-enabled",
					"identity.cache.redis.timeout", "management.health.identity.enabled")
			.doesNotContain("identity.credentials.<name>.enabled", "identity.credentials.<name>.cache.redis.enabled",
					"identity.credentials", "identity.service-clients");
	}

	@Test
	void committedReferenceMatchesTheMetadata() throws IOException {
		String generated = PropertiesReference.fromBuild().render();
		Path target = PropertiesReference.generatedFile();
		Files.createDirectories(target.getParent());
		Files.writeString(target, generated, StandardCharsets.UTF_8);
		Path committed = PropertiesReference.committedFile();
		if (Boolean.getBoolean(PropertiesReference.UPDATE_PROPERTY)) {
			Files.createDirectories(committed.getParent());
			Files.writeString(committed, generated, StandardCharsets.UTF_8);
		}
		assertThat(committed)
			.as("docs/reference/properties.md; to create it, run %s and commit it", PropertiesReference.UPDATE_COMMAND)
			.exists();
		assertThat(Files.readString(committed, StandardCharsets.UTF_8))
			.as("docs/reference/properties.md is stale (the configuration properties changed); run %s and commit it",
					PropertiesReference.UPDATE_COMMAND)
			.isEqualTo(generated);
	}

}
