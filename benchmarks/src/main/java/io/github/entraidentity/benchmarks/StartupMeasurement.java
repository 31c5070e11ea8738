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

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Startup cost of the auto-configuration: starts {@link StartupProbe} in fresh JVMs,
 * alternating three class paths/configurations, and reports the medians.
 *
 * @author Entra Identity contributors
 */
final class StartupMeasurement {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final List<String> PROPERTIES = List.of("--identity.tenant-id=" + TokenEndpoint.TENANT,
			"--identity.client-id=startup-probe", "--identity.client-secret=" + TokenEndpoint.SECRET,
			"--identity.authority=https://localhost:8443");

	private static final String FIRST_TOKEN = "FIRST_TOKEN_MILLIS";

	private StartupMeasurement() {
	}

	/**
	 * Whether the auto-configuration is on the class path: our auto-configure artifact
	 * lists auto-configurations.
	 * @return whether it is
	 */
	static boolean autoConfigurationPresent() throws IOException {
		for (URL url : Collections.list(StartupMeasurement.class.getClassLoader().getResources(IMPORTS))) {
			String location = url.toString();
			if (location.contains("entra-identity-spring-boot-autoconfigure") || location.contains("/autoconfigure/")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Start the probe {@code rounds} times per variant.
	 * @param rounds runs per variant
	 * @return the result
	 */
	static Result measure(int rounds) throws IOException, InterruptedException {
		return measure(rounds, System.getProperty("java.class.path"));
	}

	/**
	 * Start the probe {@code rounds} times per variant on the given class path.
	 * @param rounds runs per variant
	 * @param classPath the class path with the starter; without it, the same less the
	 * starter and its auto-configuration
	 * @return the result
	 */
	static Result measure(int rounds, String classPath) throws IOException, InterruptedException {
		String withoutStarter = withoutStarter(classPath);
		Run[] without = new Run[rounds];
		Run[] withoutProperties = new Run[rounds];
		Run[] with = new Run[rounds];
		for (int i = 0; i < rounds; i++) {
			without[i] = run(withoutStarter, List.of());
			withoutProperties[i] = run(classPath, List.of());
			with[i] = run(classPath, PROPERTIES);
		}
		return new Result(Variant.of(without), Variant.of(withoutProperties), Variant.of(with),
				PairedRatios.of(field(with, Run::nanos), field(without, Run::nanos)),
				PairedRatios.of(field(with, Run::mainCpuNanos), field(without, Run::mainCpuNanos)),
				with[rounds - 1].credentialBeans(), autoConfigurationPresent());
	}

	private static long[] field(Run[] runs, ToLongFunction<Run> field) {
		long[] values = new long[runs.length];
		for (int i = 0; i < runs.length; i++) {
			values[i] = field.applyAsLong(runs[i]);
		}
		return values;
	}

	private static boolean isOurs(String entry) {
		String normalized = entry.replace('\\', '/');
		return normalized.contains("entra-identity-spring-boot-autoconfigure")
				|| normalized.contains("entra-identity-spring-boot-starter")
				|| normalized.endsWith("/autoconfigure/target/classes")
				|| normalized.endsWith("/starter/target/classes");
	}

	private static Run run(String classPath, List<String> args) throws IOException, InterruptedException {
		return run(classPath, List.of(), args);
	}

	private static Run run(String classPath, List<String> jvmOptions, List<String> args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, StartupProbe.class.getName(), "--logging.level.root=WARN"));
		command.addAll(args);
		Map<String, Long> fields = new HashMap<>();
		for (String field : ProbeJvm.run(command, "Startup").split(" ")) {
			int equals = field.indexOf('=');
			fields.put(field.substring(0, equals), Long.parseLong(field.substring(equals + 1)));
		}
		return new Run(fields.get("STARTUP_NANOS"), fields.get("MAIN_CPU_NANOS"), fields.get("LOADED_CLASSES"),
				fields.get("CREDENTIAL_BEANS").intValue(), fields.getOrDefault(FIRST_TOKEN, -1L));
	}

	/**
	 * Start the probe {@code rounds} times per variant and take one token in each JVM:
	 * through the starter, through our credential built by the application without the
	 * starter, and through azure-identity's.
	 * @param rounds runs per variant
	 * @param endpoint the endpoint that answers the probe's token requests
	 * @return the medians from JVM start until the token was there
	 */
	static FirstTokenResult measureFirstToken(int rounds, TokenEndpoint endpoint)
			throws IOException, InterruptedException {
		String classPath = System.getProperty("java.class.path");
		String withoutStarter = withoutStarter(classPath);
		List<String> trust = trustOfThisJvm();
		long[] starter = new long[rounds];
		long[] library = new long[rounds];
		long[] azure = new long[rounds];
		for (int i = 0; i < rounds; i++) {
			starter[i] = run(classPath, trust, firstTokenArguments("starter", endpoint)).firstTokenMillis();
			library[i] = run(withoutStarter, trust, firstTokenArguments("library", endpoint)).firstTokenMillis();
			azure[i] = run(withoutStarter, trust, firstTokenArguments("azure", endpoint)).firstTokenMillis();
		}
		return new FirstTokenResult(Scenarios.median(starter), Scenarios.median(library), Scenarios.median(azure));
	}

	/**
	 * Start the probe through the starter with a configured credential {@code rounds}
	 * times on each of two class paths, alternating, and take one token in each JVM: this
	 * build against another build of the project, on the same machine at the same time.
	 * @param rounds runs per class path
	 * @param endpoint the endpoint that answers the probe's token requests
	 * @param classPath this build's class path
	 * @param baselineClassPath the other build's class path, with this build's probe
	 * @return the medians of this build and of the other
	 */
	static Comparison compareWith(int rounds, TokenEndpoint endpoint, String classPath, String baselineClassPath)
			throws IOException, InterruptedException {
		List<String> trust = trustOfThisJvm();
		Run[] current = new Run[rounds];
		Run[] baseline = new Run[rounds];
		for (int i = 0; i < rounds; i++) {
			current[i] = run(classPath, trust, firstTokenArguments("starter", endpoint));
			baseline[i] = run(baselineClassPath, trust, firstTokenArguments("starter", endpoint));
		}
		return new Comparison(medians(current), medians(baseline));
	}

	private static Medians medians(Run[] runs) {
		long[] nanos = new long[runs.length];
		long[] cpuNanos = new long[runs.length];
		long[] firstTokenMillis = new long[runs.length];
		for (int i = 0; i < runs.length; i++) {
			nanos[i] = runs[i].nanos();
			cpuNanos[i] = runs[i].mainCpuNanos();
			firstTokenMillis[i] = runs[i].firstTokenMillis();
		}
		return new Medians(Scenarios.median(nanos), Scenarios.median(cpuNanos), Scenarios.median(firstTokenMillis));
	}

	// The child JVMs trust the endpoint as this one does (TokenEndpoint.trustByDefault)
	private static List<String> trustOfThisJvm() {
		return List.of("-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
				"-Djavax.net.ssl.trustStoreType=" + System.getProperty("javax.net.ssl.trustStoreType"),
				"-Djavax.net.ssl.trustStorePassword=" + System.getProperty("javax.net.ssl.trustStorePassword"));
	}

	// A client id of its own per JVM, so that each token is a request to the endpoint
	private static List<String> firstTokenArguments(String kind, TokenEndpoint endpoint) {
		String clientId = TokenEndpoint.newClientId("startup-" + kind);
		endpoint.tokens(clientId, 3600, 0);
		List<String> arguments = new ArrayList<>(List.of("--probe.first-token=" + kind, "--probe.client-id=" + clientId,
				"--probe.authority=" + endpoint.authority()));
		if (kind.equals("starter")) {
			arguments.addAll(List.of("--identity.tenant-id=" + TokenEndpoint.TENANT, "--identity.client-id=" + clientId,
					"--identity.client-secret=" + TokenEndpoint.SECRET,
					"--identity.authority=" + endpoint.authority()));
		}
		return arguments;
	}

	private static String withoutStarter(String classPath) {
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !isOurs(entry))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private record Run(long nanos, long mainCpuNanos, long loadedClasses, int credentialBeans, long firstTokenMillis) {

	}

	/**
	 * Median milliseconds from JVM start until the first token.
	 *
	 * @param starterMillis through the starter
	 * @param libraryMillis through our credential built by the application, without the
	 * starter
	 * @param azureMillis through azure-identity's credential built by the application
	 */
	record FirstTokenResult(long starterMillis, long libraryMillis, long azureMillis) {

	}

	/**
	 * Medians of one class path's JVMs through the starter with a configured credential.
	 *
	 * @param startupNanos {@code SpringApplication.run}, wall clock
	 * @param mainCpuNanos {@code SpringApplication.run}, CPU time of the main thread
	 * @param firstTokenMillis from JVM start until the first token
	 */
	record Medians(long startupNanos, long mainCpuNanos, long firstTokenMillis) {

	}

	/**
	 * This build against another, measured alternately.
	 *
	 * @param current this build
	 * @param baseline the other build
	 */
	record Comparison(Medians current, Medians baseline) {

	}

	/**
	 * Medians of one variant's JVMs.
	 *
	 * @param nanos {@code SpringApplication.run}, wall clock
	 * @param mainCpuNanos {@code SpringApplication.run}, CPU time of the main thread
	 * @param loadedClasses classes loaded when it returned
	 */
	record Variant(long nanos, long mainCpuNanos, long loadedClasses) {

		static Variant of(Run[] runs) {
			return new Variant(Scenarios.median(field(runs, Run::nanos)),
					Scenarios.median(field(runs, Run::mainCpuNanos)),
					Scenarios.median(field(runs, Run::loadedClasses)));
		}

	}

	/**
	 * Startup of the three variants, started one after the other in each round.
	 *
	 * @param withoutStarter the starter off the class path
	 * @param withoutProperties the starter present, no {@code identity.*} property
	 * @param withProperties the starter present and configured
	 * @param wallPairs with / without the starter, wall clock, round by round
	 * @param cpuPairs with / without the starter, main thread CPU time, round by round
	 * @param credentialBeans credential beans in the configured context
	 * @param autoConfigurationPresent whether the auto-configuration exists yet
	 */
	record Result(Variant withoutStarter, Variant withoutProperties, Variant withProperties, PairedRatios wallPairs,
			PairedRatios cpuPairs, int credentialBeans, boolean autoConfigurationPresent) {

	}

}
