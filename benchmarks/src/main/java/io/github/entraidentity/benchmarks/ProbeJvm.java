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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a probe in a JVM of its own and returns the line it reports its figures on
 * ({@code STARTUP_NANOS=...}), so that each start-up is measured in a fresh process.
 *
 * @author Entra Identity contributors
 */
final class ProbeJvm {

	private static final String RESULT_PREFIX = "STARTUP_NANOS=";

	private ProbeJvm() {
	}

	/**
	 * Run the command and return its result line.
	 * @param command the {@code java} command line
	 * @param probe what the probe is, for the failure message
	 * @return the line starting with {@code STARTUP_NANOS=}
	 * @throws IllegalStateException with the probe's whole output when it fails or
	 * reports nothing
	 */
	static String run(List<String> command, String probe) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.append(line).append('\n');
				if (line.startsWith(RESULT_PREFIX)) {
					result = line;
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0 || result == null) {
			throw new IllegalStateException(probe + " probe failed (exit " + exit + "):\n" + output);
		}
		return result;
	}

}
