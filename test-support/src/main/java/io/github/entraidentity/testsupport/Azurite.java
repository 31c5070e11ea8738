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

package io.github.entraidentity.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Azure Storage emulator, Azurite's Blob service, for the tests of a class:
 * installed from the npm registry on first use into a project-local folder, started on
 * loopback over HTTPS with OAuth ({@code --oauth basic}) and a certificate generated for
 * the run, and stopped by its process id.
 * <p>
 * Azurite checks a bearer token as Azure Storage does, except for its signature: issuer,
 * audience and lifetime. The tests are skipped, with a message that says so, only when
 * npm cannot reach its registry and {@code -Dazurite.required=true} is not set; CI sets
 * it, so there a missing emulator fails the build.
 * <p>
 * System properties: {@code azurite.version} (the npm package version),
 * {@code azurite.prefix} (the install folder, {@code target/azurite} by default),
 * {@code azurite.required}.
 *
 * @author Entra Identity contributors
 */
public final class Azurite implements BeforeAllCallback, AfterAllCallback {

	/**
	 * Azurite's well-known development account, the first path segment of its URLs.
	 */
	public static final String ACCOUNT = "devstoreaccount1";

	private static final String DEFAULT_VERSION = "3.37.0";

	private static final Pattern LISTENING = Pattern.compile("listens on (https://127\\.0\\.0\\.1:(\\d+))");

	private static final Pattern NETWORK_FAILURE = Pattern
		.compile("ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network");

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final String version = System.getProperty("azurite.version", DEFAULT_VERSION);

	private final Path prefix = Path.of(System.getProperty("azurite.prefix", "target/azurite")).toAbsolutePath();

	private @Nullable Process process;

	private @Nullable Path keystore;

	private @Nullable String endpoint;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		install();
		Path run = Files.createTempDirectory(Files.createDirectories(this.prefix.resolve("runs")), "run-");
		this.keystore = generateCertificate(run);
		start(run);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Return the Blob service URL of the development account, such as
	 * {@code https://127.0.0.1:41234/devstoreaccount1}.
	 * @return the URL
	 */
	public String blobEndpoint() {
		return requireStarted(this.endpoint) + "/" + ACCOUNT;
	}

	/**
	 * Return the installed Azurite version.
	 * @return the npm package version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Return the process id of the running emulator.
	 * @return the pid
	 */
	public long pid() {
		return requireStarted(this.process).pid();
	}

	/**
	 * Return a Netty client SSL context that trusts the certificate generated for this
	 * run.
	 * @return the SSL context
	 */
	public SslContext trustingSslContext() {
		try (InputStream in = Files.newInputStream(requireStarted(this.keystore))) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, TestTls.PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			return SslContextBuilder.forClient().trustManager(trust).build();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot trust Azurite's certificate", ex);
		}
	}

	private void install() throws IOException, InterruptedException {
		Files.createDirectories(this.prefix);
		// One install per folder, even when builds or forks run side by side
		try (FileChannel channel = FileChannel.open(this.prefix.resolve(".install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			if (isInstalled()) {
				return;
			}
			Path log = this.prefix.resolve("npm-install.log");
			List<String> command = List.of(npm(), "install", "--prefix", this.prefix.toString(), "--no-audit",
					"--no-fund", "--no-save", "--loglevel=error", "azurite@" + this.version);
			Process npm;
			try {
				npm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			}
			catch (IOException ex) {
				skipOrFail("npm is not installed (" + ex.getMessage() + ")");
				return;
			}
			if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				npm.destroyForcibly();
				skipOrFail("npm install azurite@" + this.version + " did not finish within " + INSTALL_TIMEOUT
						+ "; the registry is unreachable or too slow");
				return;
			}
			String output = Files.readString(log);
			if (npm.exitValue() != 0 && NETWORK_FAILURE.matcher(output).find()) {
				skipOrFail("npm cannot reach its registry to install azurite@" + this.version + ":\n" + output);
			}
			if (npm.exitValue() != 0 || !isInstalled()) {
				throw new IllegalStateException("npm install azurite@" + this.version + " into " + this.prefix
						+ " failed with exit code " + npm.exitValue() + ":\n" + output);
			}
		}
	}

	private boolean isInstalled() throws IOException {
		Path manifest = this.prefix.resolve("node_modules/azurite/package.json");
		return Files.isRegularFile(manifest)
				&& Files.readString(manifest).contains("\"version\": \"" + this.version + "\"");
	}

	private void skipOrFail(String reason) {
		String message = "Azurite tests need Azurite " + this.version + " from the npm registry, and " + reason
				+ ". They are skipped; with -Dazurite.required=true (as in CI) this fails instead.";
		if (Boolean.getBoolean("azurite.required")) {
			throw new IllegalStateException(message);
		}
		Assumptions.abort(message);
	}

	private static Path generateCertificate(Path run) throws IOException, InterruptedException {
		Path keystore = run.resolve("azurite.pfx");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "azurite", "-keyalg", "RSA",
				"-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", TestTls.PASSWORD, "-keypass", TestTls.PASSWORD)
			.redirectErrorStream(true)
			.redirectOutput(run.resolve("keytool.log").toFile())
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("keytool could not generate Azurite's certificate: "
					+ Files.readString(run.resolve("keytool.log")));
		}
		return keystore;
	}

	private void start(Path run) throws IOException, InterruptedException {
		Path main = this.prefix.resolve("node_modules/azurite/dist/src/blob/main.js");
		Path log = run.resolve("azurite.log");
		List<String> command = new ArrayList<>(List.of("node", main.toString(), "--blobHost", "127.0.0.1", "--blobPort",
				"0", "--inMemoryPersistence", "--oauth", "basic", "--cert", requireStarted(this.keystore).toString(),
				"--pwd", TestTls.PASSWORD, "--skipApiVersionCheck"));
		// In memory, and started in the run's folder so that nothing lands elsewhere
		Process started = new ProcessBuilder(command).directory(run.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.process = started;
		// Stop it with the JVM even if afterAll never runs
		Runtime.getRuntime().addShutdownHook(new Thread(() -> started.toHandle().destroyForcibly()));
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.readString(log, StandardCharsets.UTF_8);
			Matcher matcher = LISTENING.matcher(output);
			if (matcher.find()) {
				this.endpoint = matcher.group(1);
				return;
			}
			if (!started.isAlive()) {
				throw new IllegalStateException(
						"Azurite exited with code " + started.exitValue() + " before listening:\n" + output);
			}
			// Waiting on another process's start-up, which no virtual clock drives
			Thread.sleep(100);
		}
		stop();
		throw new IllegalStateException("Azurite did not listen within " + START_TIMEOUT + ":\n"
				+ Files.readString(log, StandardCharsets.UTF_8));
	}

	private void stop() {
		Process started = this.process;
		if (started == null) {
			return;
		}
		this.process = null;
		ProcessHandle handle = started.toHandle();
		handle.descendants().forEach(ProcessHandle::destroy);
		handle.destroy();
		try {
			if (!started.waitFor(10, TimeUnit.SECONDS)) {
				handle.destroyForcibly();
				started.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			handle.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String npm() {
		return isWindows() ? "npm.cmd" : "npm";
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	private static <T> T requireStarted(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException(
					"Azurite is not running: register it with @RegisterExtension on a" + " static field");
		}
		return value;
	}

}
