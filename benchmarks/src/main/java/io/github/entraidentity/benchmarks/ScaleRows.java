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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The rows of issue 31's scale targets: a credential in many tenants (heap per cached
 * token, lookups at 1, 10,000 and 100,000 entries, a working set larger than the cache)
 * and an application with many named credentials.
 *
 * @author Entra Identity contributors
 */
final class ScaleRows {

	private final ResultsTable table;

	private final boolean quick;

	ScaleRows(ResultsTable table, boolean quick) {
		this.table = table;
		this.quick = quick;
	}

	/**
	 * Measure and add every scale row.
	 * @param endpoint the shared endpoint
	 */
	void add(TokenEndpoint endpoint) throws IOException, InterruptedException, RunnerException {
		manyTenants();
		overTheLimit(new ManyTenantsScenarios(endpoint));
		manyCredentials(new ManyTenantsScenarios(endpoint));
	}

	private void manyTenants() throws IOException, RunnerException {
		Path heapFile = Files.createTempFile("many-tenants-heap", ".txt");
		Options options = new OptionsBuilder().include(ManyTenantsBenchmark.class.getName() + "\\.")
			.forks(1)
			.warmupIterations(this.quick ? 1 : 2)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.quick ? 1 : 3)
			.measurementTime(TimeValue.seconds(1))
			.threads(1)
			.jvmArgs("-Xms1g", "-Xmx1g", "-D" + ManyTenantsBenchmark.HEAP_FILE_PROPERTY + "=" + heapFile)
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		// tenants -> {ours, floor, same tenant}
		Map<Integer, double[]> scores = new TreeMap<>();
		for (RunResult result : results) {
			int tenants = Integer.parseInt(result.getParams().getParam("tenants"));
			String benchmark = result.getParams().getBenchmark();
			int column = benchmark.endsWith(".ours") ? 0 : benchmark.endsWith(".mapFloor") ? 1 : 2;
			scores.computeIfAbsent(tenants, (key) -> new double[3])[column] = result.getPrimaryResult().getScore();
		}
		// tenants -> {bytes per token, token length, fill millis}; each fork of a
		// tenant count writes one line per benchmark method
		Map<Integer, long[]> heap = new TreeMap<>();
		for (String line : Files.readAllLines(heapFile, StandardCharsets.UTF_8)) {
			String[] fields = line.trim().split(" ");
			heap.merge(Integer.parseInt(fields[0]),
					new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]) },
					(a, b) -> (a[0] <= b[0]) ? a : b);
		}
		Files.deleteIfExists(heapFile);
		long[] tenK = heap.get(10_000);
		long[] hundredK = heap.get(100_000);
		long worst = Math.max(tenK[0], hundredK[0]);
		this.table
			.row("Many tenants (`additionallyAllowedTenants(\"*\")`, one scope each): heap retained per cached token,"
					+ " 10,000 / 100,000 tenants (GC'd heap before and after filling the cache from a shared"
					+ " token store that answers any key, in a fork of its own; tokens of " + tenK[1]
					+ " characters, so nearly all of it is the cache's own; fill time)")
			.cell(SubjectKind.OURS,
					ResultsTable.bytes(tenK[0]) + " (" + tenK[2] + " ms) / " + ResultsTable.bytes(hundredK[0]) + " ("
							+ hundredK[2] + " ms)")
			.ratio("")
			.target("≤ 1 KB per token: "
					+ ((worst <= 1024) ? "met" : "**missed** (" + ResultsTable.bytes(worst) + ")"));
		double[] one = scores.get(1);
		double[] most = scores.get(100_000);
		double[] tenThousand = scores.get(10_000);
		double slowest = Math.min(tenThousand[0], most[0]) / one[0];
		this.table
			.row("Many tenants: cached `getTokenSync` of a random tenant, 1 thread, with 1 / 10,000 / 100,000 tenants"
					+ " cached (JMH); floor: `ConcurrentHashMap.get` of a random key among as many")
			.cell(SubjectKind.OURS, perSecond(scores, 0))
			.cell(SubjectKind.MAP_FLOOR, perSecond(scores, 1))
			.ratio("ours 100,000 / 1 " + ResultsTable.ratio(most[0] / one[0]) + "; floor 100,000 / 1 "
					+ ResultsTable.ratio(most[1] / one[1]) + "; ours / floor " + ResultsTable.ratio(one[0] / one[1])
					+ " / " + ResultsTable.ratio(tenThousand[0] / tenThousand[1]) + " / "
					+ ResultsTable.ratio(most[0] / most[1]))
			.target("flat within 20 %: "
					+ ((slowest >= 0.8) ? "met" : "**missed** (" + ResultsTable.ratio(slowest) + " of 1 tenant's)"));
		double slowestSame = Math.min(tenThousand[2], most[2]) / one[2];
		this.table
			.row("Many tenants: cached `getTokenSync` of the same tenant, 1 thread, with 1 / 10,000 / 100,000 tenants"
					+ " cached (JMH): what holding more tokens costs a lookup, without the memory latency of a random"
					+ " key among them")
			.cell(SubjectKind.OURS, perSecond(scores, 2))
			.ratio("10,000 / 1 " + ResultsTable.ratio(tenThousand[2] / one[2]) + "; 100,000 / 1 "
					+ ResultsTable.ratio(most[2] / one[2]))
			.target("flat within 20 %: "
					+ ((slowestSame >= 0.8) ? "met" : "**missed** (" + ResultsTable.ratio(slowestSame) + ")"));
	}

	private static String perSecond(Map<Integer, double[]> scores, int column) {
		return String.join(" / ",
				scores.values().stream().map((score) -> ResultsTable.opsPerSecond(score[column])).toList());
	}

	private void overTheLimit(ManyTenantsScenarios scenarios) throws InterruptedException {
		Duration duration = Duration.ofSeconds(this.quick ? 3 : 10);
		ManyTenantsScenarios.OverLimitResult result = scenarios.workingSetOverTheLimit(duration);
		boolean met = result.inUseRefetches() == 0 && result.requests() <= result.newTenants()
				&& result.failures() == 0;
		this.table
			.row("Working set larger than the cache (`maxCacheEntries(" + result.limit() + ")`): " + result.inUse()
					+ " tenants called all along by one thread while another calls a new tenant" + " each time for "
					+ duration.toSeconds() + " s: token requests per minute (new tenants; new"
					+ " tokens for tenants in use)")
			.cell(SubjectKind.OURS,
					String.format(Locale.ROOT, "%.0f/min (%d new tenants, %d requests; %d for tenants in use)",
							result.requestsPerMinute(), result.newTenants(), result.requests(), result.inUseRefetches())
							+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : ""))
			.ratio("requests / new tenants "
					+ ResultsTable.ratio((double) result.requests() / Math.max(result.newTenants(), 1)))
			.target("no storm (≤ 1 request per new tenant) and 0 for tenants in use: " + (met ? "met" : "**missed**"));
	}

	private void manyCredentials(ManyTenantsScenarios scenarios) throws IOException, InterruptedException {
		int rounds = this.quick ? 1 : 3;
		List<ManyTenantsScenarios.Footprint> footprints = scenarios.manyCredentials(rounds);
		ManyTenantsScenarios.Footprint one = footprints.get(0);
		ManyTenantsScenarios.Footprint hundred = footprints.get(1);
		int extraThreads = hundred.threads() - one.threads();
		int extraConnections = hundred.connections() - one.connections();
		this.table
			.row("Many credentials: a Boot app with 1 / 100 named credentials (`identity.credentials.<name>.*`, same"
					+ " settings), each fetching one token, median of " + rounds + " JVMs: live threads, connections"
					+ " to the endpoint, heap after GC, `SpringApplication.run`")
			.cell(SubjectKind.OURS,
					one.threads() + " / " + hundred.threads() + " threads; " + one.connections() + " / "
							+ hundred.connections() + " connections; " + ResultsTable.bytes(one.heapBytes()) + " / "
							+ ResultsTable.bytes(hundred.heapBytes()) + "; " + ResultsTable.millis(one.startupNanos())
							+ " / " + ResultsTable.millis(hundred.startupNanos()))
			.ratio("heap per extra credential " + ResultsTable.bytes((hundred.heapBytes() - one.heapBytes()) / 99.0)
					+ "; startup 100 / 1 " + ResultsTable.ratio((double) hundred.startupNanos() / one.startupNanos()))
			.target("no thread per credential, connections shared: " + ((extraThreads < 10 && extraConnections < 10)
					? "met" : "**missed** (+" + extraThreads + " threads, +" + extraConnections + " connections)"));
	}

}
