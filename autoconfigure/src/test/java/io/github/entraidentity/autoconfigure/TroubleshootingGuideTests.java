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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.docs.Locations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The troubleshooting guide ({@code docs/troubleshooting.md}) cannot fall behind the
 * code: every AADSTS code that main code of any module names has a section, every heading
 * a startup report can have is in it, and so is every kind of transport failure.
 *
 * @author Entra Identity contributors
 */
class TroubleshootingGuideTests {

	private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

	private static final Pattern TEXT = Pattern.compile(".*\\.(java|json|properties|ya?ml|html|txt|md)$");

	private static final Pattern ANCHOR_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");

	private final Path root = Locations.repositoryRoot(TroubleshootingGuideTests.class);

	private String guide;

	@BeforeEach
	void readGuide() throws IOException {
		this.guide = Files.readString(this.root.resolve("docs/troubleshooting.md"), StandardCharsets.UTF_8);
	}

	@Test
	void everyAadstsCodeOfMainCodeHasASection() throws IOException {
		Set<String> codes = aadstsCodesOfMainCode();
		assertThat(codes).as("AADSTS codes found in */src/main").contains("7000215", "7000222", "700027");
		Set<String> sections = new TreeSet<>();
		headings().forEach((heading) -> {
			Matcher matcher = AADSTS.matcher(heading);
			if (heading.startsWith("AADSTS") && matcher.find()) {
				sections.add(matcher.group(1));
			}
		});
		assertThat(sections)
			.as("'### AADSTSnnn: ...' sections of docs/troubleshooting.md: a code the code names needs a section"
					+ " saying what it means and what to do")
			.containsAll(codes);
	}

	@Test
	void everyStartupReportHeadingIsInTheGuide() {
		List<String> headings = new ArrayList<>();
		headings.add(heading(problem("identity.client-id")));
		headings.add(heading(problem("identity.credentials.orders.client-id"),
				problem("identity.credentials.billing.client-id")));
		headings.add(heading(problem("identity.service-clients.orders.scopes")));
		headings.add(heading(problem("identity.cache.redis.encryption-key")));
		headings.add(heading(new InvalidIdentityProperty("identity.client-sercet", "is not a property", "Rename it.",
				InvalidIdentityPropertiesException.Concern.UNKNOWN_PROPERTY)));
		headings.add(heading(problem("identity.client-id"), problem("identity.service-clients.orders.scopes"))
			.replace("has 2 problems", "has N problems"));
		assertThat(headings).doesNotHaveDuplicates()
			.allSatisfy((heading) -> assertThat(this.guide)
				.as("docs/troubleshooting.md must explain the startup report headed '%s'", heading)
				.contains("`" + heading + "`"));
	}

	@Test
	void everyTransportFailureKindIsInTheGuide() {
		assertThat(Stream.of(TokenTransportException.Kind.values()).map(TokenTransportException.Kind::tag)).allSatisfy(
				(kind) -> assertThat(this.guide).as("transport failure kind %s", kind).contains("| `" + kind + "` |"));
	}

	@Test
	void everyAnchorOfTheGuideResolves() {
		Set<String> anchors = new TreeSet<>();
		headings().forEach((heading) -> anchors.add(anchor(heading)));
		Matcher links = ANCHOR_LINK.matcher(this.guide);
		List<String> targets = new ArrayList<>();
		while (links.find()) {
			targets.add(links.group(1));
		}
		assertThat(targets).isNotEmpty().allSatisfy((target) -> assertThat(anchors).contains(target));
	}

	private List<String> headings() {
		List<String> headings = new ArrayList<>();
		Matcher matcher = HEADING.matcher(this.guide.replaceAll("(?s)```.*?```", ""));
		while (matcher.find()) {
			headings.add(matcher.group(1).strip());
		}
		return headings;
	}

	// GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens
	private static String anchor(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private Set<String> aadstsCodesOfMainCode() throws IOException {
		Set<String> codes = new TreeSet<>();
		try (Stream<Path> modules = Files.list(this.root)) {
			for (Path main : modules.map((module) -> module.resolve("src/main")).filter(Files::isDirectory).toList()) {
				try (Stream<Path> files = Files.walk(main)) {
					for (Path file : files.filter(TroubleshootingGuideTests::isText).toList()) {
						Matcher matcher = AADSTS.matcher(Files.readString(file, StandardCharsets.UTF_8));
						while (matcher.find()) {
							codes.add(matcher.group(1));
						}
					}
				}
			}
		}
		return codes;
	}

	// Sources and text resources; images and key stores hold no message
	private static boolean isText(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && TEXT.matcher(name).matches();
	}

	private static InvalidIdentityProperty problem(String name) {
		return new InvalidIdentityProperty(name, "must be set and not blank", "Set it.");
	}

	private static String heading(InvalidIdentityProperty... problems) {
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer()
			.analyze(new InvalidIdentityPropertiesException(List.of(problems), null));
		String firstLine = analysis.getDescription().lines().findFirst().orElseThrow();
		return firstLine.substring(0, firstLine.length() - 1);
	}

}
