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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement against every subject in one run and writes the Markdown report.
 * Arguments: {@code --output=PATH} (default {@code RESULTS.md}), {@code --command=TEXT}
 * (the command line quoted in the report), {@code --quick} (a short smoke run whose
 * figures mean nothing).
 *
 * @author Entra Identity contributors
 */
public final class BenchmarkRunner {

	private static final Map<String, SubjectKind> BENCHMARK_METHODS = Map.of("ours", SubjectKind.OURS, "oursSync",
			SubjectKind.OURS_SYNC, "azureAsync", SubjectKind.AZURE_ASYNC, "azureSync", SubjectKind.AZURE_SYNC,
			"springSecurity", SubjectKind.SPRING_SECURITY, "mapFloor", SubjectKind.MAP_FLOOR);

	private final boolean quick;

	private final ResultsTable table = new ResultsTable();

	private final List<String> notes = new ArrayList<>();

	private BenchmarkRunner(boolean quick) {
		this.quick = quick;
	}

	/**
	 * Run everything and write the report.
	 * @param args see the class description
	 * @throws Exception if a measurement cannot run
	 */
	public static void main(String[] args) throws Exception {
		Path output = Path.of("RESULTS.md");
		String command = "java " + BenchmarkRunner.class.getName();
		boolean quick = false;
		for (String arg : args) {
			if (arg.startsWith("--output=")) {
				output = Path.of(arg.substring("--output=".length()));
			}
			else if (arg.startsWith("--command=")) {
				command = arg.substring("--command=".length());
			}
			else if (arg.equals("--quick")) {
				quick = true;
			}
			else {
				throw new IllegalArgumentException(
						"Unknown argument '" + arg + "': use --output=PATH, --command=TEXT or --quick");
			}
		}
		long start = System.nanoTime();
		TokenEndpoint.trustByDefault();
		BenchmarkRunner runner = new BenchmarkRunner(quick);
		runner.cachedThroughput();
		runner.interceptorsAlone();
		try (TokenEndpoint endpoint = new TokenEndpoint()) {
			Scenarios scenarios = new Scenarios(endpoint);
			runner.coldFirstToken(scenarios);
			runner.defaultsFirstToken(scenarios);
			runner.certificates(new CertificateScenarios(endpoint));
			runner.herd(scenarios);
			RestClientScenarios restClients = new RestClientScenarios(endpoint);
			runner.restClientCachedCalls(restClients);
			runner.restClientHerd(restClients);
			runner.refreshPoint(scenarios);
			runner.shortLifetimes(scenarios);
			runner.faults(scenarios);
			runner.fleet(endpoint);
			new ScaleRows(runner.table, runner.quick).add(endpoint);
		}
		runner.managedIdentity();
		runner.startup();
		runner.startupToFirstToken();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Files.writeString(output, runner.report(command, took), StandardCharsets.UTF_8);
		System.out.println("Wrote " + output.toAbsolutePath() + " after " + took.toSeconds() + " s");
		System.exit(0);
	}

	private void cachedThroughput() throws RunnerException {
		Map<SubjectKind, double[]> oneThread = jmh(1);
		Map<SubjectKind, double[]> twoThreads = jmh(2);
		throughputRow("Cached `getToken` throughput, 1 thread", oneThread);
		throughputRow("Cached `getToken` throughput, 2 threads", twoThreads);
		allocationRow("Bytes allocated per cached call, 1 thread (`gc.alloc.rate.norm`)", oneThread);
		allocationRow("Bytes allocated per cached call, 2 threads", twoThreads);
		syncRow("Cached `getTokenSync`, 1 thread: throughput and bytes per call", oneThread);
		syncRow("Cached `getTokenSync`, 2 threads: throughput and bytes per call", twoThreads);
	}

	private void interceptorsAlone() throws RunnerException {
		Options options = new OptionsBuilder().include(InterceptorBenchmark.class.getName() + "\\.")
			.forks(1)
			.warmupIterations(this.quick ? 1 : 3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.quick ? 1 : 4)
			.measurementTime(TimeValue.seconds(1))
			.threads(1)
			.addProfiler(GCProfiler.class)
			.jvmArgs("-Xms512m", "-Xmx512m")
			.shouldFailOnError(true)
			.build();
		Map<String, double[]> scores = new HashMap<>();
		for (RunResult result : new Runner(options).run()) {
			String benchmark = result.getParams().getBenchmark();
			scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
					new double[] { result.getPrimaryResult().getScore(), allocation(result) });
		}
		double[] baseline = scores.get("baseline");
		double[] ours = scores.get("ours");
		double[] spring = scores.get("springSecurity");
		ResultsTable.Row row = this.table.row("`RestClient` interceptor alone (JMH, 1 thread, cached token, a new"
				+ " request per call and an execution that answers 200 at once): calls per second, bytes per call"
				+ " above the request's own " + ResultsTable.bytes(baseline[1]));
		row.cell(SubjectKind.OURS_SYNC,
				ResultsTable.opsPerSecond(ours[0]) + ", " + ResultsTable.bytes(ours[1] - baseline[1]));
		row.cell(SubjectKind.SPRING_SECURITY,
				ResultsTable.opsPerSecond(spring[0]) + ", " + ResultsTable.bytes(spring[1] - baseline[1]));
		double ratio = ours[0] / spring[0];
		row.ratio("ours / Spring Security " + ResultsTable.ratio(ratio))
			.target("≥ 1.0×: " + ((ratio >= 1.0) ? "met" : "**missed**"));
	}

	private void syncRow(String title, Map<SubjectKind, double[]> scores) {
		ResultsTable.Row row = this.table.row(title);
		for (SubjectKind kind : List.of(SubjectKind.OURS_SYNC, SubjectKind.AZURE_SYNC, SubjectKind.MAP_FLOOR)) {
			double[] score = scores.get(kind);
			row.cell(kind, ResultsTable.opsPerSecond(score[0]) + ", " + ResultsTable.bytes(score[1]));
		}
		double[] sync = scores.get(SubjectKind.OURS_SYNC);
		double versusFloor = sync[0] / scores.get(SubjectKind.MAP_FLOOR)[0];
		// JMH's normalised allocation carries a fraction of a byte of noise
		boolean noAllocation = sync[1] < 1;
		row.ratio("ours sync / CHM floor " + ResultsTable.ratio(versusFloor) + "; ours sync / ours reactive "
				+ ResultsTable.ratio(sync[0] / scores.get(SubjectKind.OURS)[0]))
			.target("≥ 0.7× CHM floor, 0 B: " + ((versusFloor >= 0.7 && noAllocation) ? "met"
					: "**missed** (" + ResultsTable.ratio(versusFloor) + ", " + ResultsTable.bytes(sync[1]) + ")"));
	}

	private Map<SubjectKind, double[]> jmh(int threads) throws RunnerException {
		Options options = new OptionsBuilder().include(CachedTokenBenchmark.class.getName() + "\\.")
			.forks(1)
			.warmupIterations(this.quick ? 1 : 3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.quick ? 1 : 4)
			.measurementTime(TimeValue.seconds(1))
			.threads(threads)
			.addProfiler(GCProfiler.class)
			.jvmArgs("-Xms512m", "-Xmx512m")
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Map<SubjectKind, double[]> scores = new EnumMap<>(SubjectKind.class);
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			SubjectKind kind = BENCHMARK_METHODS.get(benchmark.substring(benchmark.lastIndexOf('.') + 1));
			double throughput = result.getPrimaryResult().getScore();
			scores.put(kind, new double[] { throughput, allocation(result) });
		}
		return scores;
	}

	private static double allocation(RunResult result) {
		for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
			if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
				return entry.getValue().getScore();
			}
		}
		return Double.NaN;
	}

	private void throughputRow(String title, Map<SubjectKind, double[]> scores) {
		ResultsTable.Row row = this.table.row(title);
		scores.forEach((kind, score) -> row.cell(kind, ResultsTable.opsPerSecond(score[0])));
		double ours = scores.get(SubjectKind.OURS)[0];
		double bestPeer = bestPeer(scores, 0, true);
		double floor = scores.get(SubjectKind.MAP_FLOOR)[0];
		double versusPeer = ours / bestPeer;
		row.ratio("ours / best peer " + ResultsTable.ratio(versusPeer) + "; ours / CHM floor "
				+ ResultsTable.ratio(ours / floor))
			.target("≥ 10× best peer: "
					+ ((versusPeer >= 10) ? "met" : "**missed** (" + ResultsTable.ratio(versusPeer) + " of 10×)"));
	}

	private void allocationRow(String title, Map<SubjectKind, double[]> scores) {
		ResultsTable.Row row = this.table.row(title);
		scores.forEach((kind, score) -> row.cell(kind, ResultsTable.bytes(score[1])));
		double ours = scores.get(SubjectKind.OURS)[1];
		double floor = scores.get(SubjectKind.MAP_FLOOR)[1];
		row.ratio("best peer / ours " + ResultsTable.ratio(bestPeer(scores, 1, false) / Math.max(ours, 1))
				+ "; ours − CHM floor " + ResultsTable.bytes(ours - floor))
			.target("< 100 B: " + ((ours < 100) ? "met" : "**missed** by " + ResultsTable.bytes(ours - 100)));
	}

	private static double bestPeer(Map<SubjectKind, double[]> scores, int index, boolean highest) {
		double best = highest ? 0 : Double.MAX_VALUE;
		for (SubjectKind peer : List.of(SubjectKind.AZURE_ASYNC, SubjectKind.AZURE_SYNC, SubjectKind.SPRING_SECURITY)) {
			double value = scores.get(peer)[index];
			best = highest ? Math.max(best, value) : Math.min(best, value);
		}
		return best;
	}

	private void coldFirstToken(Scenarios scenarios) {
		List<SubjectKind> kinds = List.of(SubjectKind.WEBCLIENT_FLOOR, SubjectKind.OURS, SubjectKind.AZURE_ASYNC,
				SubjectKind.AZURE_SYNC, SubjectKind.SPRING_SECURITY);
		int rounds = this.quick ? 3 : 31;
		int warmups = this.quick ? 1 : 60;
		Map<SubjectKind, Long> medians = scenarios.coldFirstToken(kinds, warmups, rounds);
		long floor = medians.get(SubjectKind.WEBCLIENT_FLOOR);
		ResultsTable.Row row = this.table.row("Cold first token (fresh instance and connection, JVM warmed by "
				+ warmups + " rounds, median of " + rounds + "; ratio to the bare WebClient POST)");
		medians
			.forEach((kind, nanos) -> row.cell(kind, ResultsTable.millis(nanos) + ((kind != SubjectKind.WEBCLIENT_FLOOR)
					? " (" + ResultsTable.ratio((double) nanos / floor) + ")" : "")));
		double ours = (double) medians.get(SubjectKind.OURS) / floor;
		row.ratio("ours / WebClient " + ResultsTable.ratio(ours))
			.target("≤ 1.1×: " + ((ours <= 1.1) ? "met" : "**missed** by " + ResultsTable.ratio(ours - 1.1)));
	}

	private void defaultsFirstToken(Scenarios scenarios) {
		List<SubjectKind> kinds = List.of(SubjectKind.OURS, SubjectKind.AZURE_ASYNC, SubjectKind.AZURE_SYNC,
				SubjectKind.SPRING_SECURITY);
		int rounds = this.quick ? 3 : 31;
		int warmups = this.quick ? 1 : 60;
		Map<SubjectKind, Long> medians = scenarios.defaultsFirstToken(kinds, warmups, rounds);
		ResultsTable.Row row = this.table.row("First token of a new instance built with the library's defaults (no"
				+ " HTTP client passed in, closed after the call; JVM warmed by " + warmups + " rounds, median of "
				+ rounds + ")");
		medians.forEach((kind, nanos) -> row.cell(kind, ResultsTable.millis(nanos)));
		long fastestPeer = medians.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != SubjectKind.OURS)
			.mapToLong(Map.Entry::getValue)
			.min()
			.orElseThrow();
		double ours = (double) medians.get(SubjectKind.OURS) / fastestPeer;
		row.ratio("ours / fastest peer " + ResultsTable.ratio(ours))
			.target("≤ 1.1× fastest peer: "
					+ ((ours <= 1.1) ? "met" : "**missed** (" + ResultsTable.ratio(ours) + ")"));
	}

	private void certificates(CertificateScenarios scenarios) {
		int rounds = this.quick ? 3 : 31;
		int warmups = this.quick ? 1 : 60;
		Map<SubjectKind, Long> medians = scenarios.firstToken(warmups, rounds);
		ResultsTable.Row first = this.table.row("First token of a new certificate credential (the same PEM certificate,"
				+ " each library's defaults, closed after the call; JVM warmed by " + warmups + " rounds, median of "
				+ rounds + ")");
		medians.forEach((kind, nanos) -> first.cell(kind, ResultsTable.millis(nanos)));
		long fastestPeer = Math.min(medians.get(SubjectKind.AZURE_ASYNC), medians.get(SubjectKind.AZURE_SYNC));
		double ratio = (double) medians.get(SubjectKind.OURS) / fastestPeer;
		first.ratio("ours / azure-identity " + ResultsTable.ratio(ratio)).target("report the ratio");
		int requests = this.quick ? 40 : 400;
		long[] cpu = scenarios.cpuPerTokenRequest(requests);
		this.table
			.row("Process CPU per token request, each for a new scope (" + requests
					+ " sequential requests, endpoint in the same JVM): with a certificate (signing) / with a secret")
			.cell(SubjectKind.OURS, ResultsTable.millis(cpu[0]) + " / " + ResultsTable.millis(cpu[1]))
			.cell(SubjectKind.AZURE_SYNC, ResultsTable.millis(cpu[2]) + " / –")
			.ratio("ours certificate / azure-identity certificate " + ResultsTable.ratio((double) cpu[0] / cpu[2]))
			.target("report the figures");
		double[] cached = scenarios.cachedCallsPerSecond(this.quick ? 200 : 2000);
		this.table
			.row("Cached `getToken`, 1 thread, certificate credential / secret credential (plain loop, mean of two"
					+ " alternating runs after one)")
			.cell(SubjectKind.OURS, ResultsTable.opsPerSecond(cached[0]) + " / " + ResultsTable.opsPerSecond(cached[1]))
			.ratio("certificate / secret " + ResultsTable.ratio(cached[0] / cached[1]))
			.target("the same path: within noise");
	}

	private void herd(Scenarios scenarios) throws InterruptedException {
		ResultsTable.Row row = this.table.row(Scenarios.HERD_CALLERS + " concurrent cold callers, endpoint delay "
				+ Scenarios.ENDPOINT_DELAY_MILLIS + " ms: token requests (time until all answered)");
		Map<SubjectKind, Scenarios.HerdResult> results = new EnumMap<>(SubjectKind.class);
		for (SubjectKind kind : Scenarios.LIBRARIES) {
			Scenarios.HerdResult result = scenarios.herd(kind);
			results.put(kind, result);
			row.cell(kind, result.requests() + " (" + ResultsTable.millis(result.nanos()) + ")"
					+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : ""));
		}
		Scenarios.HerdResult ours = results.get(SubjectKind.OURS);
		long bestPeer = results.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != SubjectKind.OURS && entry.getValue().nanos() > 0)
			.mapToLong((entry) -> entry.getValue().nanos())
			.min()
			.orElse(-1);
		row.ratio("ours / fastest peer time "
				+ ((bestPeer > 0 && ours.nanos() > 0) ? ResultsTable.ratio((double) ours.nanos() / bestPeer) : "n/a"))
			.target("exactly 1 request: " + ((ours.requests() == 1 && ours.failures() == 0) ? "met"
					: "**missed** (" + ours.requests() + " requests, " + ours.failures() + " failures)"));
	}

	private void restClientCachedCalls(RestClientScenarios scenarios) throws InterruptedException {
		for (RestClientScenarios.Factory factory : RestClientScenarios.Factory.values()) {
			restClientCachedCalls(scenarios, factory);
		}
	}

	private void restClientCachedCalls(RestClientScenarios scenarios, RestClientScenarios.Factory factory)
			throws InterruptedException {
		Duration warmup = Duration.ofSeconds(this.quick ? 1 : 5);
		Duration duration = Duration.ofSeconds(this.quick ? 2 : 10);
		Duration slice = Duration.ofMillis(500);
		int threads = 2;
		ResultsTable.Row row = this.table
			.row("`RestClient` on " + factory.title() + " + interceptor, cached token: API calls per second by "
					+ threads + " threads, ours and Spring Security taking turns in " + slice.toMillis()
					+ " ms slices (ours, Spring Security, Spring Security, ours, ...) for " + duration.toSeconds()
					+ " s each after " + warmup.toSeconds() + " s each of warm-up (token requests)");
		Map<SubjectKind, RestClientScenarios.ThroughputResult> results = scenarios.cachedCalls(factory, warmup,
				duration, slice, threads);
		results.forEach((kind, result) -> row.cell(kind,
				ResultsTable.opsPerSecond(result.callsPerSecond()) + " (" + result.tokenRequests() + " req)"
						+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : "")));
		RestClientScenarios.ThroughputResult ours = results.get(SubjectKind.OURS_SYNC);
		RestClientScenarios.ThroughputResult spring = results.get(SubjectKind.SPRING_SECURITY);
		double ratio = ours.callsPerSecond() / spring.callsPerSecond();
		row.ratio("ours / Spring Security " + ResultsTable.ratio(ratio) + "; "
				+ PairedRatios.of(ours.sliceCalls(), spring.sliceCalls()).describe("slice pairs"))
			.target("≥ 1.0×: " + ((ratio >= 1.0) ? "met" : "**missed**")
					+ ((ours.failures() > 0) ? "; **ours failed " + ours.failures() + " calls**" : ""));
	}

	private void restClientHerd(RestClientScenarios scenarios) throws InterruptedException {
		ResultsTable.Row row = this.table.row("`RestClient` + interceptor, " + Scenarios.HERD_CALLERS
				+ " concurrent cold callers (platform threads), endpoint delay " + Scenarios.ENDPOINT_DELAY_MILLIS
				+ " ms: token requests (time until all API calls answered)");
		Map<SubjectKind, Scenarios.HerdResult> results = new EnumMap<>(SubjectKind.class);
		for (SubjectKind kind : RestClientScenarios.INTERCEPTORS) {
			Scenarios.HerdResult result = scenarios.herd(kind);
			results.put(kind, result);
			row.cell(kind, result.requests() + " (" + ResultsTable.millis(result.nanos()) + ")"
					+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : ""));
		}
		Scenarios.HerdResult ours = results.get(SubjectKind.OURS_SYNC);
		Scenarios.HerdResult spring = results.get(SubjectKind.SPRING_SECURITY);
		row.ratio("ours / Spring Security time " + ((ours.nanos() > 0 && spring.nanos() > 0)
				? ResultsTable.ratio((double) ours.nanos() / spring.nanos()) : "n/a"))
			.target("exactly 1 request: " + ((ours.requests() == 1 && ours.failures() == 0) ? "met"
					: "**missed** (" + ours.requests() + " requests, " + ours.failures() + " failures)"));
	}

	private void refreshPoint(Scenarios scenarios) throws InterruptedException {
		Duration duration = Duration.ofSeconds(this.quick ? 6 : 30);
		int callers = 2;
		ResultsTable.Row row = this.table.row(duration.toSeconds() + " s of calls by " + callers
				+ " threads, refresh about every 5 s, endpoint delay " + Scenarios.ENDPOINT_DELAY_MILLIS
				+ " ms: calls that waited on a fetch while a valid token existed / calls (max latency; token requests)");
		Map<SubjectKind, Scenarios.RefreshResult> results = new EnumMap<>(SubjectKind.class);
		for (SubjectKind kind : Scenarios.LIBRARIES) {
			Scenarios.RefreshResult result = scenarios.refreshPoint(kind, duration, callers);
			results.put(kind, result);
			row.cell(kind, result.waited() + " / " + result.calls() + " (max " + ResultsTable.millis(result.maxNanos())
					+ "; " + result.requests() + " req; expires_in " + result.expiresIn() + " s)"
					+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : "")
					+ ((result.reportedMisses() >= 0) ? "; cache misses it reported: " + result.reportedMisses() : ""));
		}
		Scenarios.RefreshResult ours = results.get(SubjectKind.OURS);
		row.ratio("ours max latency / endpoint delay "
				+ ResultsTable.ratio(ours.maxNanos() / (Scenarios.ENDPOINT_DELAY_MILLIS * 1e6)))
			.target(refreshTarget(ours));
	}

	private static String refreshTarget(Scenarios.RefreshResult ours) {
		if (ours.waited() == 0 && ours.failures() == 0) {
			return "0 waiting calls: met";
		}
		if (ours.reportedMisses() == 0 && ours.failures() == 0) {
			return "0 waiting calls: met by the credential's own count (0 cache misses); the " + ours.waited()
					+ " flagged calls got the new token after their thread was descheduled across the refresh";
		}
		return "0 waiting calls: **missed** (" + ours.waited() + " waited, " + ours.reportedMisses() + " cache misses, "
				+ ours.failures() + " failed)";
	}

	private void shortLifetimes(Scenarios scenarios) {
		ResultsTable.Row row = this.table.row("Shortest `expires_in` reused by an immediate second call (tried "
				+ java.util.Arrays.toString(Scenarios.LIFETIMES) + " s)");
		long oursShortest = -1;
		for (SubjectKind kind : Scenarios.LIBRARIES) {
			Scenarios.LifetimeResult result = scenarios.shortLifetimes(kind);
			long shortest = result.shortestReused();
			if (kind == SubjectKind.OURS) {
				oursShortest = shortest;
			}
			row.cell(kind, (shortest < 0) ? "none" : shortest + " s");
		}
		row.ratio("").target("≤ 60 s: " + ((oursShortest >= 0 && oursShortest <= 60) ? "met" : "**missed**"));
	}

	private void faults(Scenarios scenarios) {
		for (TokenEndpoint.FaultKind fault : TokenEndpoint.FaultKind.values()) {
			String title = switch (fault) {
				case UNAVAILABLE_TWICE -> "Fault 503, 503, then 200";
				case THROTTLED -> "Fault 429 `Retry-After: 1`, then 200";
				case CONNECTION_RESET -> "Fault connection reset, then 200";
			};
			ResultsTable.Row row = this.table.row(title + ": outcome, requests, time");
			for (SubjectKind kind : Scenarios.LIBRARIES) {
				Scenarios.FaultResult result = scenarios.fault(kind, fault);
				row.cell(kind,
						result.outcome() + ", " + result.requests() + " req, " + ResultsTable.millis(result.nanos()));
			}
			row.ratio("").target("a token");
		}
	}

	private void fleet(TokenEndpoint endpoint) throws InterruptedException {
		Duration duration = Duration.ofSeconds(this.quick ? 6 : 20);
		ResultsTable.Row cycles = this.table.row(FleetScenarios.FLEET_SIZE
				+ " credentials (one per thread, each its own L1 and pool, one client id), tokens living "
				+ FleetScenarios.FLEET_TOKEN_SECONDS + " s, a call every 10 ms each for " + duration.toSeconds()
				+ " s, endpoint delay " + Scenarios.ENDPOINT_DELAY_MILLIS
				+ " ms: token requests per refresh cycle with / without the Redis L2 (cold start; refreshes)");
		int warmups = this.quick ? 20 : 200;
		int rounds = this.quick ? 50 : 1000;
		ResultsTable.Row latency = this.table.row("L1 miss served from the Redis L2 on loopback against one fetched"
				+ " from the endpoint (warm connections, no endpoint delay), median of " + rounds + " rounds after "
				+ warmups + " warm-up rounds");
		try (FleetScenarios fleet = FleetScenarios.start(endpoint)) {
			if (fleet == null) {
				String skipped = "skipped: no redis-server on the PATH (apt-get install redis-server)";
				cycles.cell(SubjectKind.OURS, skipped).ratio("").target("1 request per refresh with L2: not measured");
				latency.cell(SubjectKind.OURS, skipped).ratio("").target("report the figures");
				return;
			}
			FleetScenarios.FleetResult withL2 = fleet.refreshCycles(true, duration);
			FleetScenarios.FleetResult withoutL2 = fleet.refreshCycles(false, duration);
			cycles.cell(SubjectKind.OURS, "with L2: " + fleetCell(withL2) + "; without: " + fleetCell(withoutL2));
			boolean met = withL2.coldRequests() == 1 && withL2.refreshes() > 0
					&& withL2.refreshRequests() == withL2.refreshes() && withL2.failures() == 0;
			cycles
				.ratio("without / with L2 per refresh "
						+ ResultsTable.ratio(withoutL2.requestsPerRefresh() / withL2.requestsPerRefresh()))
				.target("1 request per refresh cycle with L2: " + (met ? "met" : "**missed**"));
			FleetScenarios.LatencyResult result = fleet.l1MissLatency(warmups, rounds);
			latency
				.cell(SubjectKind.OURS,
						"from L2: " + ResultsTable.millis(result.fromL2Nanos()) + "; from the endpoint: "
								+ ResultsTable.millis(result.fromEndpointNanos())
								+ " (token requests by the L2 reader: " + result.readerRequests() + ")")
				.ratio("L2 / endpoint "
						+ ResultsTable.ratio((double) result.fromL2Nanos() / result.fromEndpointNanos()))
				.target("report the figures");
		}
	}

	private void managedIdentity() throws InterruptedException {
		try (ManagedIdentityScenarios scenarios = new ManagedIdentityScenarios()) {
			int rounds = this.quick ? 3 : 31;
			int warmups = this.quick ? 1 : 60;
			Map<SubjectKind, Long> medians = scenarios.firstToken(warmups, rounds);
			ResultsTable.Row first = this.table.row("Managed identity (IMDS stand-in on loopback, each library's"
					+ " defaults): first token of a new instance, a new resource each time, closed after the call;"
					+ " JVM warmed by " + warmups + " rounds, median of " + rounds);
			medians.forEach((kind, nanos) -> first.cell(kind, ResultsTable.millis(nanos)));
			long fastestAzure = Math.min(medians.get(SubjectKind.AZURE_ASYNC), medians.get(SubjectKind.AZURE_SYNC));
			first
				.ratio("ours / azure-identity "
						+ ResultsTable.ratio((double) medians.get(SubjectKind.OURS) / fastestAzure))
				.target("report the ratio");
			long millis = this.quick ? 200 : 2000;
			ResultsTable.Row cached = this.table
				.row("Managed identity: cached calls, 1 thread (`getToken(...).block()` /"
						+ " `getTokenSync`, plain loop, mean of two runs after one)");
			Map<SubjectKind, Double> rates = new EnumMap<>(SubjectKind.class);
			for (SubjectKind kind : ManagedIdentityScenarios.KINDS) {
				double rate = scenarios.cachedCallsPerSecond(kind, millis);
				rates.put(kind, rate);
				cached.cell(kind, ResultsTable.opsPerSecond(rate));
			}
			cached.ratio("ours / azure-identity, sync "
					+ ResultsTable.ratio(rates.get(SubjectKind.OURS_SYNC) / rates.get(SubjectKind.AZURE_SYNC))
					+ "; async " + ResultsTable.ratio(rates.get(SubjectKind.OURS) / rates.get(SubjectKind.AZURE_ASYNC)))
				.target("report the ratio");
			ResultsTable.Row herd = this.table
				.row("Managed identity: " + Scenarios.HERD_CALLERS + " concurrent cold callers, stand-in delay "
						+ Scenarios.ENDPOINT_DELAY_MILLIS + " ms: token requests (time until all answered)");
			Map<SubjectKind, Scenarios.HerdResult> herds = new EnumMap<>(SubjectKind.class);
			for (SubjectKind kind : ManagedIdentityScenarios.KINDS) {
				Scenarios.HerdResult result = scenarios.herd(kind);
				herds.put(kind, result);
				herd.cell(kind, result.requests() + " (" + ResultsTable.millis(result.nanos()) + ")"
						+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : ""));
			}
			boolean single = herds.get(SubjectKind.OURS).requests() == 1 && herds.get(SubjectKind.OURS).failures() == 0
					&& herds.get(SubjectKind.OURS_SYNC).requests() == 1
					&& herds.get(SubjectKind.OURS_SYNC).failures() == 0;
			herd.ratio("").target("exactly 1 request (ours, both APIs): " + (single ? "met" : "**missed**"));
			Duration window = Duration.ofSeconds(this.quick ? 12 : 65);
			ResultsTable.Row gone = this.table.row("Managed identity: one call by a new instance while the stand-in"
					+ " answers 410 for " + window.toSeconds() + " s (IMDS during a host update), then tokens:"
					+ " outcome, requests, time");
			String oursOutcome = "";
			for (SubjectKind kind : ManagedIdentityScenarios.GONE_WINDOW_KINDS) {
				Scenarios.FaultResult result = scenarios.goneWindow(kind, window);
				if (kind == SubjectKind.OURS) {
					oursOutcome = result.outcome();
				}
				gone.cell(kind,
						result.outcome() + ", " + result.requests() + " req, " + ResultsTable.millis(result.nanos()));
			}
			gone.ratio("")
				.target("a token after the window (ours): "
						+ ("token".equals(oursOutcome) ? "met" : "**missed** (" + oursOutcome + ")"));
		}
	}

	private static String fleetCell(FleetScenarios.FleetResult result) {
		return result.coldRequests() + "; " + String.format(java.util.Locale.ROOT, "%.2f", result.requestsPerRefresh())
				+ " per refresh (" + result.refreshRequests() + " req / " + result.refreshes() + " refreshes)"
				+ ((result.failures() > 0) ? ", " + result.failures() + " failed" : "");
	}

	private void startup() throws IOException, InterruptedException {
		// A start on this 2-core machine varies by ±10 % from JVM to JVM: a median of 15
		// is within about 2 % of the true one
		int rounds = this.quick ? 1 : 15;
		startupRow(
				"Startup: `SpringApplication.run` (NONE), median of " + rounds
						+ " JVMs: without starter / starter without properties / starter with `identity.*`",
				StartupMeasurement.measure(rounds));
		String smallApp = System.getProperty("startup.small-app.class-path");
		if (smallApp != null) {
			// The row the startup target is read from: twice the JVMs, so that the
			// interval of the paired ratios is about ±3 % on this machine
			int smallAppRounds = this.quick ? 2 : 30;
			startupRow("Startup of a small app on the starter's own class path (no Reactor Netty, azure-core, Redis or"
					+ " Spring Security, which the row above has from the other subjects): `SpringApplication.run`"
					+ " (NONE), median of " + smallAppRounds
					+ " JVMs: without starter / starter without properties / starter with `identity.*`",
					StartupMeasurement.measure(smallAppRounds, smallApp));
		}
	}

	private void startupRow(String title, StartupMeasurement.Result result) {
		ResultsTable.Row row = this.table.row(title);
		StartupMeasurement.Variant without = result.withoutStarter();
		StartupMeasurement.Variant withoutProperties = result.withoutProperties();
		StartupMeasurement.Variant with = result.withProperties();
		row.cell(SubjectKind.OURS,
				ResultsTable.millis(without.nanos()) + " / " + ResultsTable.millis(withoutProperties.nanos()) + " / "
						+ ResultsTable.millis(with.nanos()) + "; classes loaded " + without.loadedClasses() + " / "
						+ withoutProperties.loadedClasses() + " / " + with.loadedClasses());
		double ratio = (double) with.nanos() / without.nanos();
		if (!result.autoConfigurationPresent() || result.credentialBeans() == 0) {
			row.ratio("**pending**: the auto-configuration is not on this branch yet (credential beans: "
					+ result.credentialBeans() + "); with/without " + ResultsTable.ratio(ratio)
					+ " measures the class path only")
				.target("report the ratio");
			return;
		}
		row.ratio("with / without starter " + ResultsTable.ratio(ratio) + " ("
				+ result.wallPairs().describe("JVM pairs") + "); no properties / without "
				+ ResultsTable.ratio((double) withoutProperties.nanos() / without.nanos())
				+ "; main thread CPU time with / without "
				+ ResultsTable.ratio((double) with.mainCpuNanos() / without.mainCpuNanos()) + " ("
				+ ResultsTable.millis(with.mainCpuNanos()) + " / " + ResultsTable.millis(without.mainCpuNanos()) + "; "
				+ result.cpuPairs().describe("JVM pairs") + "); classes the starter loads: "
				+ (withoutProperties.loadedClasses() - without.loadedClasses()) + " without properties, "
				+ (with.loadedClasses() - without.loadedClasses()) + " with")
			.target("with ≤ 1.03× without: " + ((ratio <= 1.03) ? "met" : "**missed**")
					+ (result.wallPairs().holds(1.03) ? " (the interval holds 1.03×: this run cannot tell)" : ""));
	}

	private void startupToFirstToken() throws IOException, InterruptedException {
		int rounds = this.quick ? 1 : 15;
		StartupMeasurement.FirstTokenResult result;
		try (TokenEndpoint endpoint = new TokenEndpoint()) {
			result = StartupMeasurement.measureFirstToken(rounds, endpoint);
		}
		ResultsTable.Row row = this.table.row("Startup to the first token: from JVM start until the first"
				+ " `getTokenSync` returned (`SpringApplication.run` (NONE) of the same app, then one token from the"
				+ " endpoint), median of " + rounds + " JVMs: through the starter / without the starter, the app"
				+ " building our credential itself");
		row.cell(SubjectKind.OURS, result.starterMillis() + " ms / " + result.libraryMillis() + " ms");
		row.cell(SubjectKind.AZURE_SYNC, result.azureMillis() + " ms (without the starter)");
		row.ratio(
				"starter / azure-identity " + ResultsTable.ratio((double) result.starterMillis() / result.azureMillis())
						+ "; starter / without starter "
						+ ResultsTable.ratio((double) result.starterMillis() / result.libraryMillis()))
			.target("report the figures");
	}

	private String report(String command, Duration took) throws IOException, InterruptedException {
		StringBuilder report = new StringBuilder();
		report.append("# Benchmark results\n\n");
		if (this.quick) {
			report.append("**Quick smoke run: these figures mean nothing.**\n\n");
		}
		report.append("Date: ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.append("  \nCommand: `")
			.append(command)
			.append("`  \nWall time of the run: ")
			.append(took.toSeconds())
			.append(" s\n\n");
		report.append("All subjects ran in this one run against the same WireMock HTTPS endpoint on loopback. "
				+ "Compare within a row; absolute times depend on the machine. See README.md for what each row "
				+ "measures and why targets are missed.\n\n");
		report.append(this.table.toMarkdown());
		if (!this.notes.isEmpty()) {
			report.append('\n');
			this.notes.forEach((note) -> report.append("- ").append(note).append('\n'));
		}
		report.append("\n## Machine\n\n```\n");
		report.append("$ nproc\n").append(exec("nproc"));
		report.append("$ free -h\n").append(exec("free", "-h"));
		report.append("$ java -version\n")
			.append(exec(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"));
		report.append("```\n");
		return report.toString();
	}

	private static String exec(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		process.waitFor();
		return output.endsWith("\n") ? output : output + "\n";
	}

}
