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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several JVMs write distinct tokens into one persistent cache at the same time; none is
 * lost or corrupted.
 */
@ExtendWith(ReliabilityReportExtension.class)
class MultiProcessCacheTests {

	private static final int PROCESSES = 3;

	private static final int SCOPES_PER_PROCESS = 30;

	// Plain http on loopback: the child JVMs use the credential's own client.
	@RegisterExtension
	static WireMockExtension entra = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(PROCESSES * 4 + 10))
		.build();

	@TempDir
	Path work;

	private Path cacheDirectory;

	@Test
	void concurrentWritersInSeveralProcessesLoseAndCorruptNoEntry() throws Exception {
		this.cacheDirectory = this.work.resolve("cache");
		// Each token names its scope, so a token read back for the wrong scope shows.
		entra.stubFor(post(urlPathMatching(TestCredentials.TOKEN_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"token-for-"
					+ "{{regexExtract request.body 'api%3A%2F%2F([a-z0-9-]+)%2F' 'parts'}}{{parts.0}}\"}")
			.withTransformers("response-template")));
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String authority = entra.getRuntimeInfo().getHttpBaseUrl();
		List<Process> processes = new ArrayList<>();
		for (int p = 0; p < PROCESSES; p++) {
			processes
				.add(new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"), "-Xshare:auto",
						"-XX:TieredStopAtLevel=1", CacheWriterProcess.class.getName(), this.cacheDirectory.toString(),
						authority, "writer" + p, String.valueOf(SCOPES_PER_PROCESS), HexFormat.of().formatHex(key))
					.redirectErrorStream(true)
					.redirectOutput(this.work.resolve("writer" + p + ".log").toFile())
					.start());
		}
		for (int p = 0; p < PROCESSES; p++) {
			Process process = processes.get(p);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("writer %d finished", p).isTrue();
			assertThat(process.exitValue()).as("writer %d exit code; log: %s", p, log(p)).isZero();
		}
		int written = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(written).as("tokens requested by the writers").isEqualTo(PROCESSES * SCOPES_PER_PROCESS);
		entra.resetAll();
		entra.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(500)));
		int readBack = 0;
		try (ClientSecretCredential reader = CacheWriterProcess.credential(this.cacheDirectory, authority, key)) {
			for (int p = 0; p < PROCESSES; p++) {
				for (int i = 0; i < SCOPES_PER_PROCESS; i++) {
					String token = reader.getToken(CacheWriterProcess.scope("writer" + p, i))
						.block(Duration.ofSeconds(10))
						.token();
					assertThat(token).isEqualTo("token-for-writer" + p + "-" + i);
					readBack++;
				}
			}
		}
		assertThat(entra.findAll(anyRequestedFor(anyUrl()))).as("requests while reading back").isEmpty();
		List<String> files;
		try (Stream<Path> list = Files.list(this.cacheDirectory)) {
			files = list.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		ReliabilityReport.record(Section.PERSISTENCE, 1,
				PROCESSES + " JVMs writing " + SCOPES_PER_PROCESS
						+ " distinct tokens each, at the same time, into one encrypted cache directory",
				"no entry lost or corrupted: a new credential read every token back for its own scope from the cache,"
						+ " with 0 requests to the endpoint",
				readBack + " of " + PROCESSES * SCOPES_PER_PROCESS, "files in the directory: " + files);
	}

	private String log(int process) {
		try {
			return Files.readString(this.work.resolve("writer" + process + ".log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
	}

}
