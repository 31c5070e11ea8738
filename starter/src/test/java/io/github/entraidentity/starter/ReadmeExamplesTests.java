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

package io.github.entraidentity.starter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java examples show where this project's types come from: every example
 * that uses one imports it, so that a new user can copy it without guessing packages.
 *
 * @author Entra Identity contributors
 */
class ReadmeExamplesTests {

	private static final Path ROOT = Path.of("..");

	private static final List<String> MODULES = List.of("credential", "autoconfigure", "azure-core", "redis",
			"emulator");

	private static final Pattern JAVA_EXAMPLE = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]+\\b");

	@Test
	void everyExampleImportsTheTypesOfThisProjectItUses() throws IOException {
		Map<String, String> types = publicTypes();
		assertThat(types).containsEntry("BearerTokenFilter", "io.github.entraidentity.credential.web.BearerTokenFilter")
			.containsEntry("EntraEmulator", "io.github.entraidentity.emulator.EntraEmulator");
		String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
		List<String> missing = new ArrayList<>();
		Matcher example = JAVA_EXAMPLE.matcher(readme);
		while (example.find()) {
			String code = example.group(1);
			int line = readme.substring(0, example.start()).split("\n", -1).length;
			Matcher name = TYPE_NAME.matcher(code);
			while (name.find()) {
				String type = types.get(name.group());
				if (type != null && !code.contains("import " + type + ";")) {
					missing.add("README.md:" + line + " uses " + name.group() + " without 'import " + type + ";'");
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	// The public types of the published modules by simple name, internal packages aside
	private static Map<String, String> publicTypes() throws IOException {
		Map<String, String> types = new TreeMap<>();
		for (String module : MODULES) {
			Path sources = ROOT.resolve(module).resolve("src/main/java");
			try (Stream<Path> files = Files.walk(sources)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					String type = sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
					type = type.substring(0, type.length() - ".java".length());
					String source = Files.readString(file, StandardCharsets.UTF_8);
					String simpleName = type.substring(type.lastIndexOf('.') + 1);
					if (!type.contains(".internal.") && Pattern
						.compile("^public (final |abstract )?(class|interface|record|enum|@interface) " + simpleName
								+ "\\b", Pattern.MULTILINE)
						.matcher(source)
						.find()) {
						types.put(simpleName, type);
					}
				}
			}
		}
		return types;
	}

}
