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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot versions {@code docs/supported-versions.md} claims are the ones CI
 * proves: the build's own and the newest one {@code .ci/consumer-check} builds the
 * consumer applications with, which {@code .ci/run} calls.
 *
 * @author Entra Identity contributors
 */
class SupportedVersionsTests {

	private final Path root = Locations.repositoryRoot(SupportedVersionsTests.class);

	@Test
	void tableNamesTheBootVersionsCiBuildsWith() throws IOException {
		String page = read("docs/supported-versions.md");
		String buildVersion = find(read("pom.xml"), "<spring-boot.version>([^<]+)</spring-boot.version>");
		String newestVersion = find(read(".ci/consumer-check"), "(?m)^NEWEST_BOOT=(\\S+)$");
		assertThat(page).as("the 4.0.x row names the build's Spring Boot version")
			.contains("| " + line(buildVersion) + ".x (built with " + buildVersion + ")");
		assertThat(page).as("the newest line's row names the version .ci/consumer-check proves")
			.contains("| " + line(newestVersion) + ".x (" + newestVersion + ", the newest available)");
		assertThat(read(".ci/run")).as(".ci/run runs the consumer check").contains("bash .ci/consumer-check");
	}

	private static String line(String version) {
		return version.substring(0, version.lastIndexOf('.'));
	}

	private static String find(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s found", regex).isTrue();
		return matcher.group(1);
	}

	private String read(String path) throws IOException {
		return Files.readString(this.root.resolve(path), StandardCharsets.UTF_8);
	}

}
