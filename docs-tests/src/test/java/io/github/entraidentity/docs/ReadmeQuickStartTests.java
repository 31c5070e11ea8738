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

package io.github.entraidentity.docs;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.entraidentity.docs.Documentation.Block;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.junit.EntraEmulatorExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, as a newcomer copies it: its {@code application.yml} and its
 * {@code OrdersClient}, compiled from the README, call a protected API with a token on
 * {@code WebClient} and on {@code RestClient}. Only what a reader fills in differs: the
 * tenant, client id and secret are the emulator's, and the API's URL is a local stand-in
 * that accepts only tokens the emulator issued.
 *
 * @author Entra Identity contributors
 */
class ReadmeQuickStartTests {

	private static final String QUICK_START = "## Quick start";

	private static final String API_URL = "https://orders.example.com";

	@RegisterExtension
	static EntraEmulatorExtension entra = new EntraEmulatorExtension();

	@Test
	void quickStartCallsAProtectedApiWithATokenOnWebClientAndRestClient(@TempDir Path classes) throws Exception {
		EntraEmulator emulator = entra.emulator();
		try (ProtectedApi api = ProtectedApi.start(emulator)) {
			List<String> errors = SnippetCompiler.compile(Map.of("quickstart", quickStart("java")), classes,
					Map.of(API_URL, api.url()));
			assertThat(errors).isEmpty();
			try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
					getClass().getClassLoader())) {
				Class<?> client = loader.loadClass("quickstart.OrdersClient");
				try (ConfigurableApplicationContext context = start(client, loader, emulator)) {
					Object orders = context.getBean(client);
					assertThat(this.<Mono<String>>call(orders, "order", "42").block(Duration.ofSeconds(10)))
						.isEqualTo("order 42");
					assertThat(this.<String>call(orders, "orderBlocking", "43")).isEqualTo("order 43");
				}
			}
			assertThat(api.authorized.get()).isEqualTo(2);
			assertThat(api.refused.get()).isZero();
			assertThat(emulator.tokenRequests()).hasSize(1);
		}
	}

	private static ConfigurableApplicationContext start(Class<?> client, ClassLoader loader, EntraEmulator emulator)
			throws IOException {
		Block yaml = quickStart("yaml");
		List<PropertySource<?>> applicationYml = new YamlPropertySourceLoader().load("application.yml",
				new ByteArrayResource(yaml.code().getBytes(StandardCharsets.UTF_8)));
		// What the reader fills in: the placeholders of the YAML and the variable it
		// names
		Map<String, Object> filledIn = Map.of("identity.tenant-id", emulator.tenantId(), "identity.client-id",
				emulator.clientId(), "identity.authority", emulator.authority(), "ENTRA_CLIENT_SECRET",
				emulator.clientSecret());
		return new SpringApplicationBuilder(QuickStartApplication.class, client).web(WebApplicationType.NONE)
			.resourceLoader(new DefaultResourceLoader(loader))
			.properties("spring.config.name=quick-start-application")
			.initializers((context) -> {
				applicationYml.forEach(context.getEnvironment().getPropertySources()::addLast);
				context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("filled in", filledIn));
			})
			.run();
	}

	@SuppressWarnings("unchecked")
	private <T> T call(Object target, String name, String argument) throws Exception {
		Method method = target.getClass().getDeclaredMethod(name, String.class);
		method.setAccessible(true);
		return (T) method.invoke(target, argument);
	}

	// The first block of the language in the README's quick start
	private static Block quickStart(String language) {
		List<Block> blocks = Documentation.blocks(Documentation.ROOT.resolve("README.md"));
		int section = Documentation.lines(Documentation.ROOT.resolve("README.md")).indexOf(QUICK_START);
		assertThat(section).as("README section '%s'", QUICK_START).isNotNegative();
		return blocks.stream()
			.filter((block) -> block.line() > section && block.is(language, ""))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + language + " block in the README's quick start"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class QuickStartApplication {

	}

	/**
	 * The orders API: answers {@code GET /orders/{id}} for a bearer token the emulator
	 * issued, 401 otherwise.
	 */
	private static final class ProtectedApi implements AutoCloseable {

		private final HttpServer server;

		final AtomicInteger authorized = new AtomicInteger();

		final AtomicInteger refused = new AtomicInteger();

		private ProtectedApi(HttpServer server) {
			this.server = server;
		}

		static ProtectedApi start(EntraEmulator emulator) throws IOException {
			ProtectedApi api = new ProtectedApi(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			api.server.createContext("/orders/", (exchange) -> api.handle(exchange, emulator));
			api.server.start();
			return api;
		}

		private void handle(HttpExchange exchange, EntraEmulator emulator) throws IOException {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			boolean valid = authorization != null && authorization.startsWith("Bearer ")
					&& emulator.findIssuedToken(authorization.substring("Bearer ".length())).isPresent();
			(valid ? this.authorized : this.refused).incrementAndGet();
			byte[] body = (valid ? "order " + exchange.getRequestURI().getPath().substring("/orders/".length())
					: "invalid token")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(valid ? 200 : 401, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
