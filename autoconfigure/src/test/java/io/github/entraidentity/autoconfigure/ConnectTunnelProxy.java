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

package io.github.entraidentity.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP proxy on loopback that accepts {@code CONNECT} requests (as Reactor
 * Netty sends them for http and https targets alike), records them and tunnels the bytes
 * to the target.
 *
 * @author Entra Identity contributors
 */
final class ConnectTunnelProxy implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	ConnectTunnelProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Return the request lines received, such as {@code CONNECT localhost:8443 HTTP/1.1}.
	 * @return the request lines
	 */
	List<String> requests() {
		return this.requests;
	}

	/**
	 * Return the {@code Proxy-Authorization} header values received.
	 * @return the header values
	 */
	List<String> authorizations() {
		return this.authorizations;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.executor.execute(() -> tunnel(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			String requestLine = readLine(in);
			this.requests.add(requestLine);
			for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
				if (header.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
					this.authorizations.add(header.substring(header.indexOf(':') + 1).strip());
				}
			}
			String[] target = requestLine.split(" ")[1].split(":");
			try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(target[1]))) {
				OutputStream out = client.getOutputStream();
				out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				this.executor.execute(() -> copy(in, upstream));
				copy(upstream.getInputStream(), client);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away; nothing to tunnel.
		}
	}

	private static void copy(InputStream in, Socket to) {
		try {
			in.transferTo(to.getOutputStream());
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// One side closed the tunnel.
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.executor.shutdownNow();
	}

}
