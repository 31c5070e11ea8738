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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link FleetMember} processes on the test's class path and talks to them over
 * standard input and output. Every process is killed by its PID when closed.
 *
 * @author Entra Identity contributors
 */
final class FleetProcesses implements AutoCloseable {

	/**
	 * Where the members log, for a failure's post-mortem.
	 */
	static final Path LOG = Path.of("target", "fleet-members.log");

	private final List<Member> members = new ArrayList<>();

	/**
	 * Start a member and wait until it is ready.
	 * @param args the member's arguments
	 * @return the member
	 */
	Member start(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx128m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(FleetMember.class.getName());
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
				.start();
			Member member = new Member(process);
			this.members.add(member);
			return member;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		for (Member member : this.members) {
			member.kill();
		}
	}

	/**
	 * One running member.
	 */
	static final class Member {

		private final Process process;

		private final BufferedReader out;

		Member(Process process) {
			this.process = process;
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		/**
		 * Read the next line the member prints (its logging goes to standard error).
		 * @return the line
		 */
		String readLine() {
			try {
				String line;
				while ((line = this.out.readLine()) != null) {
					if (line.equals("READY") || line.startsWith("TOKEN ") || line.startsWith("SOAK ")
							|| line.startsWith("LOCKED") || line.startsWith("NOT-LOCKED")) {
						return line;
					}
					java.nio.file.Files.writeString(LOG, this.process.pid() + " " + line + System.lineSeparator(),
							java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
				}
				throw new IllegalStateException("Fleet member " + this.process.pid() + " ended");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void go() {
			send("GO");
		}

		/**
		 * Tell a soaking member to stop and report.
		 */
		void stop() {
			send("STOP");
		}

		private void send(String line) {
			try {
				OutputStream in = this.process.getOutputStream();
				in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
				in.flush();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
