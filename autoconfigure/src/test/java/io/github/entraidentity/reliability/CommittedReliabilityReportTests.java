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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed {@code RELIABILITY.md} says what the last run observed. Runs after the
 * other test classes (see {@code junit-platform.properties}), so in a full build it
 * compares with the report this very run wrote.
 */
@Order(Integer.MAX_VALUE)
class CommittedReliabilityReportTests {

	private static final String UPDATE = "run ./mvnw -pl autoconfigure test"
			+ " -Dtest='io.github.entraidentity.reliability.*Tests' -Dreliability.update=true and commit RELIABILITY.md";

	@Test
	void committedReportMatchesWhatTheLastRunObserved() throws IOException {
		assumeTrue(Files.exists(ReliabilityReport.generatedReport()),
				"No reliability test has run yet, so there is nothing to compare with");
		assertThat(ReliabilityReport.committedReport()).as("the committed report; to create it, " + UPDATE).exists();
		Map<String, List<String>> generated = ReliabilityReport
			.comparableRows(Files.readString(ReliabilityReport.generatedReport(), StandardCharsets.UTF_8));
		Map<String, List<String>> committed = ReliabilityReport
			.comparableRows(Files.readString(ReliabilityReport.committedReport(), StandardCharsets.UTF_8));
		assertThat(generated).as("sections the last run produced").isNotEmpty();
		for (Map.Entry<String, List<String>> section : generated.entrySet()) {
			assertThat(committed.get(section.getKey()))
				.as("rows of section '%s' in the committed RELIABILITY.md (ignoring the last column); to update, %s",
						section.getKey(), UPDATE)
				.isEqualTo(section.getValue());
		}
	}

}
