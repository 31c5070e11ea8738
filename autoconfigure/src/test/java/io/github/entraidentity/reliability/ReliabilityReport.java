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

package io.github.entraidentity.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects what the reliability tests tried and observed, and writes it as
 * {@code RELIABILITY.md}: to {@code autoconfigure/target/reliability/} on every run, and
 * to the repository root with {@code -Dreliability.update=true}.
 * <p>
 * Each row has a case, the outcome for the caller, the requests that reached the token
 * endpoint and what was measured in this run (heap, threads, durations). The last column
 * varies from run to run and is ignored when the committed report is compared with the
 * last run.
 */
final class ReliabilityReport {

	static final String FILE_NAME = "RELIABILITY.md";

	static final String UPDATE_PROPERTY = "reliability.update";

	private static final Map<Section, Map<String, Row>> rows = new ConcurrentHashMap<>();

	private ReliabilityReport() {
	}

	/**
	 * Record one row; a row with the same section and case replaces the earlier one.
	 * @param section the section
	 * @param order the position in the section
	 * @param name the case
	 * @param outcome what the caller got
	 * @param requests how many requests reached the endpoint (or another count)
	 * @param observed what was measured, which varies per run
	 */
	static void record(Section section, int order, String name, String outcome, String requests, String observed) {
		rows.computeIfAbsent(section, (key) -> new ConcurrentHashMap<>())
			.put(name, new Row(order, name, outcome, requests, observed));
	}

	static void record(Section section, int order, String name, String outcome, String requests) {
		record(section, order, name, outcome, requests, "");
	}

	/**
	 * Merge the rows recorded in this JVM into those of earlier runs (kept under
	 * {@code target/reliability/rows}, so running one test class updates only its rows)
	 * and write the report.
	 */
	static synchronized void write() {
		Path sections = targetDirectory().resolve("rows");
		try {
			Files.createDirectories(sections);
			StringBuilder report = new StringBuilder(preamble());
			for (Section section : Section.values()) {
				Path file = sections.resolve(section.name() + ".tsv");
				Map<String, Row> merged = new LinkedHashMap<>();
				if (Files.exists(file)) {
					for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
						Row row = Row.parse(line);
						merged.put(row.name(), row);
					}
				}
				merged.putAll(rows.getOrDefault(section, Map.of()));
				if (merged.isEmpty()) {
					continue;
				}
				List<Row> sorted = merged.values().stream().sorted(Row.ORDER).toList();
				Files.write(file, sorted.stream().map(Row::toLine).toList(), StandardCharsets.UTF_8);
				report.append('\n').append(render(section, sorted));
			}
			Path generated = generatedReport();
			Files.writeString(generated, report.toString(), StandardCharsets.UTF_8);
			if (Boolean.getBoolean(UPDATE_PROPERTY)) {
				Files.copy(generated, committedReport(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path generatedReport() {
		return targetDirectory().resolve(FILE_NAME);
	}

	static Path committedReport() {
		return moduleDirectory().getParent().resolve(FILE_NAME);
	}

	/**
	 * Return the comparable content of a report: per section, each row without its
	 * volatile last column.
	 * @param report the markdown
	 * @return section title to rows
	 */
	static Map<String, List<String>> comparableRows(String report) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		List<String> current = null;
		for (String line : report.split("\n")) {
			if (line.startsWith("## ")) {
				current = new ArrayList<>();
				result.put(line.substring(3).strip(), current);
			}
			else if (current != null && line.startsWith("| ") && !line.startsWith("| ---")) {
				List<String> cells = splitCells(line);
				current.add(String.join(" | ", cells.subList(0, cells.size() - 1)));
			}
		}
		return result;
	}

	private static List<String> splitCells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		String inner = line.strip().substring(1, line.strip().length() - 1);
		for (int i = 0; i < inner.length(); i++) {
			char c = inner.charAt(i);
			if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
				cell.append("\\|");
				i++;
			}
			else if (c == '|') {
				cells.add(cell.toString().strip());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString().strip());
		return cells;
	}

	private static String preamble() {
		return """
				# Reliability report

				What the reliability suite (`autoconfigure/src/test/java/io/github/entraidentity/reliability`) tried
				against a real HTTPS token endpoint (WireMock on loopback) and what the credential did. This file is
				generated by the tests: every run writes `autoconfigure/target/reliability/RELIABILITY.md`, and

				```shell
				./mvnw -pl autoconfigure test -Dtest='io.github.entraidentity.reliability.*Tests' -Dreliability.update=true
				```

				copies it here. `CommittedReliabilityReportTests` fails the build when the rows below no longer match
				what the last run observed; the last column ("observed in this run") holds timings and measurements
				that vary between runs and is not compared.
				""";
	}

	private static String render(Section section, List<Row> sectionRows) {
		StringBuilder text = new StringBuilder();
		text.append("## ").append(section.title()).append("\n\n").append(section.description()).append("\n\n");
		text.append("| ").append(String.join(" | ", section.columns())).append(" |\n");
		text.append("| --- | --- | --- | --- |\n");
		for (Row row : sectionRows) {
			text.append("| ")
				.append(cell(row.name()))
				.append(" | ")
				.append(cell(row.outcome()))
				.append(" | ")
				.append(cell(row.requests()))
				.append(" | ")
				.append(row.observed().isEmpty() ? "-" : cell(row.observed()))
				.append(" |\n");
		}
		return text.toString();
	}

	private static String cell(String value) {
		return value.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
	}

	private static Path targetDirectory() {
		return moduleDirectory().resolve("target").resolve("reliability");
	}

	private static Path moduleDirectory() {
		try {
			// target/test-classes -> module directory
			Path classes = Paths
				.get(ReliabilityReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return classes.getParent().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The report's sections, in the order they appear.
	 */
	enum Section {

		LOAD("Load, soak and resource use",
				"Concurrent callers, a soak with 2-second tokens and a credential's"
						+ " lifecycle, through the public API only.",
				"Case", "Outcome", "Requests to the endpoint"),

		FAULTS("Fault matrix", "Each fault is injected three times: on a cold cache (what the caller gets), during a"
				+ " background refresh while a still-valid token is cached (what callers are served), and after the"
				+ " cached token expired. Retry delays and timeouts run on a virtual clock; \"requests\" counts what"
				+ " reached the endpoint.", "Fault", "Outcome for the caller", "Requests (cold / refresh / expired)"),

		INPUT("Hostile and bad input", "Every row either fails before any I/O with an error naming the argument, or"
				+ " is sent correctly encoded to exactly `/{tenant}/oauth2/v2.0/token`; WireMock saw no request for"
				+ " a rejected row.", "Input", "Outcome", "Requests to the endpoint"),

		SECRETS("Secrets", "With every logger at TRACE, the fault matrix was run and all output, exception messages,"
				+ " stack traces, meter tags, health details and actuator responses were searched for the client"
				+ " secret and every issued token.", "Where", "Secret or token found", "Places searched"),

		PERSISTENCE("Persistent cache", "Several JVMs writing to one cache directory at the same time.", "Case",
				"Outcome", "Entries"),

		FLEET("Fleet cache (Redis)", "Credentials sharing tokens through a real redis-server (started by the test on a"
				+ " free loopback port, stopped by its PID; CI installs it): separate JVMs on a cold cache and"
				+ " through refresh cycles of short-lived tokens, Redis stopped mid-run, a lock holder killed, entries tampered with or planted, and what Redis holds.",
				"Case", "Outcome", "Requests to the endpoint"),

		CERTIFICATES("Certificates and workload identity",
				"The certificate and workload identity credentials against a token endpoint that verifies their"
						+ " client assertions with the JDK's Signature: rotations under load, every bad certificate or"
						+ " token file, and where a key, a password or an assertion could leak.",
				"Case", "Outcome", "Requests to the endpoint"),

		MANAGED_IDENTITY("Managed identity",
				"The managed identity credential against loopback stand-ins of IMDS and the App Service endpoint"
						+ " (plain http, as the real ones): every fault the issue names, with retry delays and timeouts on a"
						+ " virtual clock where they matter, connects that are refused or never answered on real"
						+ " sockets, and where the identity header or a token could leak.",
				"Case", "Outcome", "Requests to the endpoint"),

		HARDENING("Hostile servers, APIs and directories",
				"What an authority, an API or a shared cache directory can send or do to the credential, and"
						+ " what the credential does about it; every row fails without the defence it names.",
				"Case", "Outcome", "Requests");

		private final String title;

		private final String description;

		private final String[] columns;

		Section(String title, String description, String... columns) {
			this.title = title;
			this.description = description;
			this.columns = new String[] { columns[0], columns[1], columns[2], "Observed in this run" };
		}

		String title() {
			return this.title;
		}

		String description() {
			return this.description;
		}

		String[] columns() {
			return this.columns;
		}

	}

	private record Row(int order, String name, String outcome, String requests, String observed) {

		static final Comparator<Row> ORDER = Comparator.comparingInt(Row::order).thenComparing(Row::name);

		static Row parse(String line) {
			String[] fields = line.split("\t", -1);
			return new Row(Integer.parseInt(fields[0]), fields[1], fields[2], fields[3], fields[4]);
		}

		String toLine() {
			return this.order + "\t" + flat(this.name) + "\t" + flat(this.outcome) + "\t" + flat(this.requests) + "\t"
					+ flat(this.observed);
		}

		private static String flat(String value) {
			return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
		}

	}

}
