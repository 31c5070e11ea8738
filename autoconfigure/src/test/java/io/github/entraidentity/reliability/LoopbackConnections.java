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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts established TCP connections to a local port as the operating system sees them
 * ({@code /proc/net/tcp} and {@code tcp6}), so a test can tell whether a client really
 * closed its connections. Linux only; {@link #isObservable()} says whether it works here.
 */
final class LoopbackConnections {

	private static final Path[] TABLES = { Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6") };

	private static final String ESTABLISHED = "01";

	private LoopbackConnections() {
	}

	static boolean isObservable() {
		return Files.isReadable(TABLES[0]);
	}

	/**
	 * Return the number of established connections whose remote end is the given port,
	 * that is client connections to a server listening on it.
	 * @param port the server port
	 * @return the number of client connections
	 */
	static int clientConnectionsTo(int port) {
		return clientPortsTo(port).size();
	}

	/**
	 * Return the local ports of the established client connections to the given port: a
	 * port seen again later is the same connection, reused.
	 * @param port the server port
	 * @return the client side's ports
	 */
	static Set<Integer> clientPortsTo(int port) {
		String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
		Set<Integer> ports = new TreeSet<>();
		for (Path table : TABLES) {
			if (!Files.isReadable(table)) {
				continue;
			}
			List<String> lines;
			try {
				lines = Files.readAllLines(table);
			}
			catch (IOException ex) {
				continue;
			}
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length > 3 && fields[2].endsWith(hexPort) && fields[3].equals(ESTABLISHED)) {
					String local = fields[1];
					ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
				}
			}
		}
		return ports;
	}

}
