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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and the guides leads somewhere: the file exists and,
 * for a {@code #anchor}, the Markdown file has that heading (GitHub's rules: lower case,
 * spaces to '-', punctuation removed, '-1', '-2' for repeated headings).
 *
 * @author Entra Identity contributors
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	/**
	 * Guides written on another branch of the same issue (the generated property
	 * reference, troubleshooting, supported versions): a link to one is checked once the
	 * file exists. Empty this set when both branches are merged.
	 */
	@Test
	void everyRelativeLinkAndAnchorResolves() {
		List<String> broken = new ArrayList<>();
		int links = 0;
		for (Path file : Documentation.files()) {
			List<String> lines = Documentation.lines(file);
			boolean code = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.strip().startsWith("```")) {
					code = !code;
					continue;
				}
				if (code) {
					continue;
				}
				Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
				while (link.find()) {
					String target = link.group(1);
					if (target.matches("^[a-z]+:.*")) {
						continue;
					}
					links++;
					String problem = problem(file, target);
					if (problem != null) {
						broken.add(Documentation.ROOT.relativize(file) + ":" + (i + 1) + ": " + target + " " + problem);
					}
				}
			}
		}
		assertThat(links).isGreaterThan(100);
		assertThat(broken).isEmpty();
	}

	/**
	 * The "done when": from the README, within two clicks, a user finds how to
	 * rotate a certificate, why health is DOWN with AADSTS7000222 and how to move from
	 * Spring Cloud Azure.
	 */
	@Test
	void theFirstQuestionsAreAnsweredWithinTwoClicksOfTheReadme() {
		Set<String> reachable = reachable(Documentation.ROOT.resolve("README.md"), 2);
		assertThat(reachable).contains("docs/credentials/client-certificate.md#rotating-the-certificate",
				"docs/migrating-from-spring-cloud-azure.md");
		assertThat(reachable).anySatisfy(
				(target) -> assertThat(section(target)).contains("AADSTS7000222").containsIgnoringCase("expired"));
	}

	@Test
	void anchorsFollowGitHubsRules() {
		assertThat(anchors(List.of("## HTTP service clients from `application.yml` alone", "### Metrics (Micrometer)",
				"## Health (`/actuator/health/identity`)", "## Metrics (Micrometer)")))
			.containsExactly("http-service-clients-from-applicationyml-alone", "metrics-micrometer",
					"health-actuatorhealthidentity", "metrics-micrometer-1");
	}

	private static String problem(Path file, String target) {
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
		if (!resolved.startsWith(Documentation.ROOT)) {
			return "leaves the repository";
		}
		if (!Files.exists(resolved)) {
			return "does not exist";
		}
		if (anchor == null) {
			return null;
		}
		if (!resolved.toString().endsWith(".md")) {
			return "has an anchor but is not Markdown";
		}
		return anchors(Documentation.lines(resolved)).contains(anchor) ? null
				: "names no heading of " + Documentation.ROOT.relativize(resolved);
	}

	// Every file#anchor (or file) reached from the given file in at most the given clicks
	private static Set<String> reachable(Path from, int clicks) {
		Set<String> reached = new LinkedHashSet<>();
		List<Path> current = List.of(from);
		for (int click = 0; click < clicks; click++) {
			List<Path> next = new ArrayList<>();
			for (Path file : current) {
				for (String line : Documentation.lines(file)) {
					Matcher link = LINK.matcher(line);
					while (link.find()) {
						String target = link.group(1);
						if (target.matches("^[a-z]+:.*")) {
							continue;
						}
						int hash = target.indexOf('#');
						String path = (hash >= 0) ? target.substring(0, hash) : target;
						Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
						if (Files.isRegularFile(resolved) && resolved.toString().endsWith(".md")) {
							String name = Documentation.ROOT.relativize(resolved).toString().replace('\\', '/');
							if (reached.add(name + ((hash >= 0) ? target.substring(hash) : ""))) {
								next.add(resolved);
							}
						}
					}
				}
			}
			current = next;
		}
		return reached;
	}

	// The text a link target shows: the section under its anchor, or the whole file
	private static String section(String target) {
		int hash = target.indexOf('#');
		List<String> lines = Documentation
			.lines(Documentation.ROOT.resolve((hash >= 0) ? target.substring(0, hash) : target));
		if (hash < 0) {
			return String.join("\n", lines);
		}
		String anchor = target.substring(hash + 1);
		StringBuilder section = new StringBuilder();
		boolean in = false;
		for (String line : lines) {
			if (HEADING.matcher(line).matches()) {
				if (in) {
					break;
				}
				in = anchors(List.of(line)).contains(anchor);
			}
			else if (in) {
				section.append(line).append('\n');
			}
		}
		return section.toString();
	}

	static Set<String> anchors(List<String> lines) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean code = false;
		for (String line : lines) {
			if (line.strip().startsWith("```")) {
				code = !code;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (code || !heading.matches()) {
				continue;
			}
			String anchor = heading.group(1)
				.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-');
			int count = seen.merge(anchor, 1, Integer::sum);
			anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
		}
		return anchors;
	}

}
