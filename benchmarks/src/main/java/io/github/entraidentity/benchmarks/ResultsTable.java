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

package io.github.entraidentity.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The Markdown result table: one row per measurement, one column per subject, then the
 * ratio and the target.
 *
 * @author Entra Identity contributors
 */
final class ResultsTable {

	private static final List<SubjectKind> COLUMNS = List.of(SubjectKind.values());

	private final List<Row> rows = new ArrayList<>();

	/**
	 * Start a row.
	 * @param measurement what the row measures
	 * @return the row
	 */
	Row row(String measurement) {
		Row row = new Row(measurement);
		this.rows.add(row);
		return row;
	}

	String toMarkdown() {
		StringBuilder markdown = new StringBuilder("| Measurement |");
		COLUMNS.forEach((kind) -> markdown.append(' ').append(kind.title()).append(" |"));
		markdown.append(" Ratio | Target |\n|---|");
		COLUMNS.forEach((kind) -> markdown.append("---|"));
		markdown.append("---|---|\n");
		for (Row row : this.rows) {
			markdown.append("| ").append(row.measurement).append(" |");
			COLUMNS.forEach((kind) -> markdown.append(' ').append(row.cells.getOrDefault(kind, "–")).append(" |"));
			markdown.append(' ').append(row.ratio).append(" | ").append(row.target).append(" |\n");
		}
		return markdown.toString();
	}

	static String millis(long nanos) {
		if (nanos < 0) {
			return "timed out";
		}
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	static String ratio(double value) {
		return String.format(Locale.ROOT, "%.2f×", value);
	}

	static String opsPerSecond(double value) {
		if (value >= 1e6) {
			return String.format(Locale.ROOT, "%.2f M/s", value / 1e6);
		}
		return String.format(Locale.ROOT, "%.1f k/s", value / 1e3);
	}

	static String bytes(double value) {
		if (value >= 1024) {
			return String.format(Locale.ROOT, "%.1f KB", value / 1024);
		}
		return String.format(Locale.ROOT, "%.0f B", value);
	}

	/**
	 * One measurement.
	 */
	static final class Row {

		private final String measurement;

		private final Map<SubjectKind, String> cells = new EnumMap<>(SubjectKind.class);

		private String ratio = "";

		private String target = "";

		Row(String measurement) {
			this.measurement = measurement;
		}

		Row cell(SubjectKind kind, String value) {
			this.cells.put(kind, value);
			return this;
		}

		Row ratio(String ratio) {
			this.ratio = ratio;
			return this;
		}

		Row target(String target) {
			this.target = target;
			return this;
		}

	}

}
