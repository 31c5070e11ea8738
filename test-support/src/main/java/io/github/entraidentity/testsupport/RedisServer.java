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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, started by the test and stopped by
 * its PID. The binary is {@code -Dredis.server=...}, else {@code redis-server} on the
 * {@code PATH} ({@code .ci/run} installs it when missing). Without one the test is
 * skipped with a message that says how to get it, or fails under
 * {@code -Dredis.required=true}.
 *
 * @author Entra Identity contributors
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final Path binary;

	private final int port;

	private @Nullable Process process;

	private RedisServer(Path binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Start a server on a free port, or skip the test when no binary can be found.
	 * @return the running server
	 */
	public static RedisServer start() {
		Path binary = binary();
		if (binary == null) {
			String message = "No redis-server binary: install one (apt-get install -y redis-server, as .ci/run does)"
					+ " or point -Dredis.server at it. The Redis tests are skipped; with -Dredis.required=true (as in"
					+ " CI) this fails instead.";
			if (Boolean.getBoolean("redis.required")) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		RedisServer server = new RedisServer(binary, freePort());
		server.restart();
		return server;
	}

	/**
	 * Return whether a {@code redis-server} binary can be found, for callers that are not
	 * tests (such as the benchmarks) and report its absence themselves.
	 * @return whether {@link #start()} would find a binary
	 */
	public static boolean isInstalled() {
		return binary() != null;
	}

	private static @Nullable Path binary() {
		String configured = System.getProperty("redis.server");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		List<Path> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(java.io.File.pathSeparator)) {
				candidates.add(Path.of(directory, "redis-server"));
			}
		}
		candidates.add(Path.of("/usr/bin/redis-server"));
		candidates.add(Path.of("/usr/local/bin/redis-server"));
		return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the port the server listens on (127.0.0.1).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the PID of the running server.
	 * @return the PID
	 */
	public long pid() {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException("redis-server is stopped");
		}
		return process.pid();
	}

	/**
	 * Start the server again on the same port (no persistence: it starts empty).
	 */
	public void restart() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("redis-server is running");
		}
		try {
			this.process = new ProcessBuilder(this.binary.toString(), "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary, ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!ping()) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				stop();
				throw new IllegalStateException("redis-server did not answer on port " + this.port);
			}
			sleep(20);
		}
	}

	/**
	 * Stop the server by its PID and wait until it is gone.
	 */
	public void stop() {
		Process process = this.process;
		if (process == null) {
			return;
		}
		this.process = null;
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, 7);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Run {@code redis-cli} against the server.
	 * @param args the arguments
	 * @return what it printed
	 */
	public String cli(String... args) {
		List<String> command = new ArrayList<>();
		Path cli = this.binary.resolveSibling("redis-cli");
		command.add(Files.isExecutable(cli) ? cli.toString() : "redis-cli");
		command.add("-p");
		command.add(String.valueOf(this.port));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("redis-cli did not finish");
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * List the keys that match a pattern ({@code SCAN}, so it does not block the server).
	 * @param pattern the pattern, such as {@code entra-identity:token:*}
	 * @return the keys
	 */
	public List<String> keys(String pattern) {
		return Arrays.stream(cli("--scan", "--pattern", pattern).strip().split("\\R"))
			.filter((key) -> !key.isBlank())
			.toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
