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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A loopback port where a connect neither succeeds nor fails: it ends only with the
 * client's connect timeout, as a connect to an address nothing answers does (IMDS off
 * Azure, a firewall that drops packets). A closed port is no such thing: the kernel
 * refuses it at once.
 * <p>
 * The port has a listener that never accepts, whose accept queue is filled up front; the
 * kernel then drops further SYNs (Linux does, with the default
 * {@code net.ipv4.tcp_abort_on_overflow=0}), so the next connects hang deterministically,
 * on loopback, without any network. Where the kernel refuses or accepts them instead the
 * test is skipped.
 *
 * @author Entra Identity contributors
 */
public final class BlackholePort implements AutoCloseable {

	private static final int PROBE_TIMEOUT_MILLIS = 200;

	private static final int MAX_FILLERS = 64;

	private final ServerSocket listener;

	private final List<Socket> fillers = new ArrayList<>();

	private BlackholePort() throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		boolean full = false;
		while (!full && this.fillers.size() < MAX_FILLERS) {
			Socket filler = new Socket();
			try {
				filler.connect(address(), PROBE_TIMEOUT_MILLIS);
				this.fillers.add(filler);
			}
			catch (SocketTimeoutException ex) {
				filler.close();
				full = true;
			}
			catch (IOException ex) {
				filler.close();
				break;
			}
		}
		if (!full) {
			close();
		}
		assumeTrue(full, "this kernel drops connects to a listener whose accept queue is full");
	}

	/**
	 * Open a port whose connects hang; the test is skipped where the kernel does not make
	 * them hang.
	 * @return the port, to be closed
	 */
	public static BlackholePort open() {
		try {
			return new BlackholePort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the port number.
	 * @return the port
	 */
	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Return an http URL of the port, such as {@code http://127.0.0.1:41234}.
	 * @return the URL
	 */
	public String httpUrl() {
		return "http://" + this.listener.getInetAddress().getHostAddress() + ":" + port();
	}

	private InetSocketAddress address() {
		return new InetSocketAddress(this.listener.getInetAddress(), port());
	}

	@Override
	public void close() {
		try {
			for (Socket filler : this.fillers) {
				filler.close();
			}
			this.listener.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
