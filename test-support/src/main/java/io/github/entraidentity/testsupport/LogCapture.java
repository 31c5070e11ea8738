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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures all log output (with full stack traces), {@code System.out} and
 * {@code System.err} until closed, then restores what was there. {@link #atTrace()} also
 * turns every logger of the client side up to TRACE, so that a search of the text covers
 * everything any log level could print.
 *
 * @author Entra Identity contributors
 */
public final class LogCapture implements AutoCloseable {

	/**
	 * Loggers of the fake Entra (WireMock and its Jetty): the server side, not part of an
	 * application using the credential.
	 */
	private static final List<String> SERVER_LOGGERS = List.of("com.github.tomakehurst", "wiremock");

	private static final List<String> TRACED_LOGGERS = List.of("reactor.netty", "io.netty", "reactor",
			"org.springframework", "org.springframework.web.reactive.function.client", "io.github.entraidentity",
			"io.micrometer");

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private final OutputStream synchronizedBuffer = new OutputStream() {

		@Override
		public void write(int b) {
			synchronized (LogCapture.this.buffer) {
				LogCapture.this.buffer.write(b);
			}
		}

		@Override
		public void write(byte[] b, int off, int len) {
			synchronized (LogCapture.this.buffer) {
				LogCapture.this.buffer.write(b, off, len);
			}
		}

	};

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);

	private final Map<String, Level> previousLevels = new HashMap<>();

	private final List<Appender<ILoggingEvent>> previousAppenders = new ArrayList<>();

	private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

	private final PrintStream previousOut = System.out;

	private final PrintStream previousErr = System.err;

	private LogCapture(boolean trace) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n%ex{full}");
		encoder.start();
		this.appender.setContext(this.context);
		this.appender.setEncoder(encoder);
		this.appender.setOutputStream(this.synchronizedBuffer);
		this.appender.start();
		for (Iterator<Appender<ILoggingEvent>> it = this.root.iteratorForAppenders(); it.hasNext();) {
			this.previousAppenders.add(it.next());
		}
		this.previousAppenders.forEach(this.root::detachAppender);
		this.root.addAppender(this.appender);
		if (trace) {
			setLevel(Logger.ROOT_LOGGER_NAME, Level.TRACE);
			TRACED_LOGGERS.forEach((name) -> setLevel(name, Level.TRACE));
			SERVER_LOGGERS.forEach((name) -> setLevel(name, Level.OFF));
		}
		System.setOut(new PrintStream(this.synchronizedBuffer, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.synchronizedBuffer, true, StandardCharsets.UTF_8));
	}

	/**
	 * Start capturing with every client-side logger at TRACE.
	 * @return the capture, to be closed
	 */
	public static LogCapture atTrace() {
		return new LogCapture(true);
	}

	/**
	 * Start capturing at the configured log levels.
	 * @return the capture, to be closed
	 */
	public static LogCapture asConfigured() {
		return new LogCapture(false);
	}

	private void setLevel(String name, Level level) {
		Logger logger = this.context.getLogger(name);
		this.previousLevels.put(name, logger.getLevel());
		logger.setLevel(level);
	}

	/**
	 * Append text that did not come through logging, such as a stack trace.
	 * @param text the text
	 */
	public void add(String text) {
		byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
		synchronized (this.buffer) {
			this.buffer.write(bytes, 0, bytes.length);
		}
	}

	/**
	 * Return everything captured so far.
	 * @return the text
	 */
	public String text() {
		synchronized (this.buffer) {
			return this.buffer.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Return how many lines were captured so far.
	 * @return the number of lines
	 */
	public long lines() {
		return text().lines().count();
	}

	@Override
	public void close() {
		System.setOut(this.previousOut);
		System.setErr(this.previousErr);
		this.root.detachAppender(this.appender);
		this.appender.stop();
		this.previousAppenders.forEach(this.root::addAppender);
		this.previousLevels.forEach((name, level) -> this.context.getLogger(name).setLevel(level));
	}

}
