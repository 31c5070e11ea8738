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

package io.github.entraidentity.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP server of an emulator, on {@code 127.0.0.1}: the JDK's own
 * ({@code com.sun.net.httpserver}). A test library must not change the application it
 * tests, and Spring Boot picks the HTTP client of an application's {@code RestClient} and
 * {@code WebClient} by what is on the class path: a server library such as Reactor Netty
 * brought by the emulator would become the application's client in its tests only.
 * <p>
 * Each request is answered on a thread of the server's own, where a slow scripted reply
 * waits. Its threads are daemon threads, so that an emulator left open does not keep a
 * JVM alive.
 *
 * @author Entra Identity contributors
 */
final class EmulatorServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService workers;

	private final String scheme;

	private volatile boolean running = true;

	private EmulatorServer(HttpServer server, ExecutorService workers, String scheme) {
		this.server = server;
		this.workers = workers;
		this.scheme = scheme;
	}

	/**
	 * Start answering requests with the given handler.
	 * @param handler the handler
	 * @param port the port, {@code 0} for a free one
	 * @param tls the TLS context for HTTPS, or {@code null} for plain HTTP
	 * @return the running server
	 */
	static EmulatorServer start(Handler handler, int port, @Nullable SSLContext tls) {
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		ExecutorService workers = Executors.newCachedThreadPool(threads());
		HttpServer server;
		try {
			if (tls != null) {
				HttpsServer https = HttpsServer.create(address, 0);
				https.setHttpsConfigurator(new HttpsConfigurator(tls));
				server = https;
			}
			else {
				server = HttpServer.create(address, 0);
			}
		}
		catch (IOException ex) {
			workers.shutdownNow();
			throw new UncheckedIOException("The Entra emulator cannot listen on 127.0.0.1:" + port, ex);
		}
		String scheme = (tls != null) ? "https" : "http";
		EmulatorServer emulatorServer = new EmulatorServer(server, workers, scheme);
		server.setExecutor(workers);
		server.createContext("/", (exchange) -> emulatorServer.answer(handler, exchange));
		try {
			startDaemon(server);
		}
		catch (RuntimeException ex) {
			workers.shutdownNow();
			throw ex;
		}
		return emulatorServer;
	}

	// The server's dispatcher thread takes its daemon flag from the thread that starts
	// it,
	// so that started from a daemon thread an emulator left open ends with the JVM.
	private static void startDaemon(HttpServer server) {
		Thread starter = new Thread(server::start, "entra-emulator-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.stop(0);
			throw new IllegalStateException("Interrupted while starting the Entra emulator", ex);
		}
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "entra-emulator-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private void answer(Handler handler, HttpExchange exchange) throws IOException {
		try {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders()::getFirst, exchange.getRequestBody().readAllBytes(),
					baseUrl(exchange.getRequestHeaders().getFirst("Host")));
			EndpointResponse response = handler.answer(request);
			response.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(response.status(), (response.body().length > 0) ? response.body().length : -1);
			if (response.body().length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response.body());
				}
			}
		}
		catch (InterruptedException ex) {
			// closed while a slow reply waited: the connection goes with the server
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private String baseUrl(@Nullable String host) {
		// The authority the client used, as Entra builds its URLs from the Host header
		return this.scheme + "://" + ((host != null && !host.isBlank()) ? host : "127.0.0.1:" + port());
	}

	/**
	 * Return the port it listens on.
	 * @return the port
	 */
	int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the scheme it serves.
	 * @return {@code http} or {@code https}
	 */
	String scheme() {
		return this.scheme;
	}

	/**
	 * Return whether it still listens.
	 * @return whether it is running
	 */
	boolean isRunning() {
		return this.running;
	}

	/**
	 * Stop listening, drop open connections and stop answering: a slow reply that still
	 * waits is abandoned.
	 */
	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.server.stop(0);
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Answers the requests of a server.
	 */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answer a request; a slow scripted reply waits on the calling thread.
		 * @param request the request
		 * @return the answer
		 * @throws InterruptedException if interrupted while a slow reply waits
		 */
		EndpointResponse answer(Request request) throws InterruptedException;

	}

	/**
	 * One request.
	 *
	 * @param method its method
	 * @param uri its path and query, as sent
	 * @param header its headers, by name in any case
	 * @param body its body
	 * @param baseUrl the server's base URL as the client called it, such as
	 * {@code http://127.0.0.1:5000}
	 */
	record Request(String method, URI uri, Function<String, @Nullable String> header, byte[] body, String baseUrl) {

	}

}
