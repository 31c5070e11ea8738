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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published Javadoc sends its readers to the guides: each published module's overview
 * page and each API package (every package but {@code *.internal}) say what to read
 * first, and every guide they link to exists under {@code docs/}, so that renaming a
 * guide breaks the build instead of the Javadoc.
 *
 * @author Entra Identity contributors
 */
class JavadocGuideLinksTests {

	private static final Pattern GUIDE_LINK = Pattern
		.compile("https://github\\.com/entraidentity/entra-identity-spring-boot/blob/main/(docs/[^\"#)\\s]+)");

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private final Path root = Locations.repositoryRoot(JavadocGuideLinksTests.class);

	@Test
	void everyApiPackageSaysWhatToReadFirst() throws IOException {
		List<Path> packages = apiPackageInfos();
		assertThat(packages).hasSizeGreaterThan(10)
			.allSatisfy((packageInfo) -> assertThat(read(packageInfo))
				.as("%s says what to read first, linking a guide under docs/", this.root.relativize(packageInfo))
				.contains("Read first")
				.containsPattern(GUIDE_LINK));
	}

	@Test
	void everyPublishedModulesOverviewLinksTheGuides() throws IOException {
		for (Path module : publishedModulesWithCode()) {
			Path overview = module.resolve("src/main/javadoc/overview.html");
			assertThat(overview).as("the Javadoc overview of %s (the root pom's <overview>)", module.getFileName())
				.exists();
			assertThat(read(overview)).as(this.root.relativize(overview).toString())
				.contains("blob/main/docs/README.md")
				.containsPattern(GUIDE_LINK);
		}
	}

	@Test
	void everyLinkedGuideExists() throws IOException {
		List<Path> sources = new ArrayList<>(apiPackageInfos());
		for (Path module : publishedModulesWithCode()) {
			sources.add(module.resolve("src/main/javadoc/overview.html"));
		}
		List<String> broken = new ArrayList<>();
		for (Path source : sources) {
			Matcher link = GUIDE_LINK.matcher(read(source));
			while (link.find()) {
				if (!Files.isRegularFile(this.root.resolve(link.group(1)))) {
					broken.add(this.root.relativize(source) + " -> " + link.group(1));
				}
			}
		}
		assertThat(broken).as("links to guides that do not exist").isEmpty();
	}

	private List<Path> apiPackageInfos() throws IOException {
		List<Path> packageInfos = new ArrayList<>();
		for (Path module : publishedModulesWithCode()) {
			try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
				files.filter((file) -> file.getFileName().toString().equals("package-info.java"))
					.filter((file) -> !file.toString().contains("/internal"))
					.sorted()
					.forEach(packageInfos::add);
			}
		}
		return packageInfos;
	}

	// The modules whose poms do not turn publishing off (maven.deploy.skip, the root
	// pom's one switch) and that have code, so Javadoc
	private List<Path> publishedModulesWithCode() throws IOException {
		List<Path> modules = new ArrayList<>();
		Matcher module = MODULE.matcher(read(this.root.resolve("pom.xml")));
		while (module.find()) {
			Path directory = this.root.resolve(module.group(1));
			if (!read(directory.resolve("pom.xml")).contains("<maven.deploy.skip>true</maven.deploy.skip>")
					&& Files.isDirectory(directory.resolve("src/main/java"))) {
				modules.add(directory);
			}
		}
		assertThat(modules).as("published modules with code").hasSizeGreaterThanOrEqualTo(5);
		return modules;
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
