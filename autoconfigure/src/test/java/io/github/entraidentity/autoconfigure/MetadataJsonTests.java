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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JacksonJsonParser;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MetadataJson}.
 *
 * @author Entra Identity contributors
 */
class MetadataJsonTests {

	@Test
	void readsThisModulesConfigurationMetadataAsJacksonDoes() throws IOException {
		for (String name : new String[] { "META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json" }) {
			String json = read(name);
			Map<String, Object> read = MetadataJson.parseMap(json);
			assertThat(read).isNotEmpty().isEqualTo(new JacksonJsonParser().parseMap(json));
		}
	}

	@Test
	void readsEveryKindOfValueAndEscape() {
		Map<String, Object> read = MetadataJson
			.parseMap("{ \"list\": [1, -2, 3000000000, 2.5, 1e3, true, false, null, {}, []],"
					+ " \"text\": \"a\\\"b\\\\c\\/d\\u0041\\n\\t\" }");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("list", Arrays.asList(1, -2, 3000000000L, 2.5, 1000.0, true, false, null, Map.of(), List.of()));
		expected.put("text", "a\"b\\c/dA\n\t");
		assertThat(read).isEqualTo(expected);
	}

	@Test
	void rejectsWhatIsNotOneJsonObject() {
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseMap("[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseMap("{\"a\": 1"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseMap("{\"a\" 1}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseMap("{} {}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataJson.parseMap("{\"a\": x}"));
	}

	private static String read(String name) throws IOException {
		try (InputStream in = new ClassPathResource(name).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
