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

import java.util.Locale;

/**
 * Compares how this build starts with how another build of the project starts, in
 * alternating JVMs on the same machine at the same time: {@code SpringApplication.run}
 * through the starter with a configured credential, and the time from JVM start to its
 * first token. Startup figures of separate runs differ by more than most changes to
 * startup do, so "no slower than before" is only shown side by side. Run by
 * {@code benchmarks/compare-startup.sh}, which builds the other commit. Arguments:
 * {@code --baseline=CLASS_PATH}, {@code --label=TEXT} (what the baseline is) and
 * {@code --rounds=N} (JVMs per build, default 15).
 *
 * @author Entra Identity contributors
 */
public final class StartupComparison {

	private StartupComparison() {
	}

	/**
	 * Run the comparison and print its table.
	 * @param args the arguments
	 * @throws Exception if a probe fails
	 */
	public static void main(String[] args) throws Exception {
		String baseline = null;
		String label = "baseline";
		int rounds = 15;
		for (String arg : args) {
			if (arg.startsWith("--baseline=")) {
				baseline = arg.substring("--baseline=".length());
			}
			else if (arg.startsWith("--label=")) {
				label = arg.substring("--label=".length());
			}
			else if (arg.startsWith("--rounds=")) {
				rounds = Integer.parseInt(arg.substring("--rounds=".length()));
			}
			else {
				throw new IllegalArgumentException(
						"Unknown argument '" + arg + "': use --baseline=CLASS_PATH, --label=TEXT or --rounds=N");
			}
		}
		if (baseline == null) {
			throw new IllegalArgumentException("--baseline=CLASS_PATH is required");
		}
		TokenEndpoint.trustByDefault();
		StartupMeasurement.Comparison comparison;
		try (TokenEndpoint endpoint = new TokenEndpoint()) {
			comparison = StartupMeasurement.compareWith(rounds, endpoint, System.getProperty("java.class.path"),
					baseline);
		}
		System.out.println(table(comparison, label, rounds));
	}

	private static String table(StartupMeasurement.Comparison comparison, String label, int rounds) {
		StartupMeasurement.Medians current = comparison.current();
		StartupMeasurement.Medians baseline = comparison.baseline();
		StringBuilder table = new StringBuilder();
		table.append("Through the starter with a configured credential, median of ")
			.append(rounds)
			.append(" alternating JVMs per build\n\n");
		table.append("| | this build | ").append(label).append(" | this / ").append(label).append(" |\n");
		table.append("| --- | --- | --- | --- |\n");
		row(table, "`SpringApplication.run`, wall clock", current.startupNanos() / 1e6, baseline.startupNanos() / 1e6);
		row(table, "`SpringApplication.run`, main thread CPU time", current.mainCpuNanos() / 1e6,
				baseline.mainCpuNanos() / 1e6);
		row(table, "JVM start to the first token", current.firstTokenMillis(), baseline.firstTokenMillis());
		return table.toString();
	}

	private static void row(StringBuilder table, String what, double current, double baseline) {
		table.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f× |%n", what, current, baseline,
				current / baseline));
	}

}
