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

package io.github.entraidentity.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.entraidentity.autoconfigure.NamedCredentials;
import io.github.entraidentity.credential.EntraCredential;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A non-web application with a given number of named credentials
 * ({@code identity.credentials.<name>.*}), started by the runner in a fresh JVM: it
 * prints how long {@code SpringApplication.run} took and, after each credential fetched
 * one token, the live threads, the connections open to the endpoint and the heap in use.
 *
 * @author Entra Identity contributors
 */
public final class ManyCredentialsProbe {

	/**
	 * The client id of every credential: one endpoint stub answers them all.
	 */
	static final String CLIENT_ID = "many-credentials";

	private ManyCredentialsProbe() {
	}

	/**
	 * Start the application, fetch a token with each credential, report, stop.
	 * @param args the number of credentials and the endpoint's authority
	 * @throws IOException if the connections cannot be read
	 */
	public static void main(String[] args) throws IOException {
		int credentials = Integer.parseInt(args[0]);
		String authority = args[1];
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "WARN");
		for (int i = 0; i < credentials; i++) {
			String prefix = "identity.credentials.app" + i + ".";
			properties.put(prefix + "tenant-id", TokenEndpoint.TENANT);
			properties.put(prefix + "client-id", CLIENT_ID);
			properties.put(prefix + "client-secret", TokenEndpoint.SECRET);
			properties.put(prefix + "authority", authority);
		}
		// Other processes' connections to the endpoint show too: count the difference
		int connectionsBefore = connectionsTo(port(authority));
		long start = System.nanoTime();
		SpringApplication application = new SpringApplication(ProbeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			long took = System.nanoTime() - start;
			Map<String, EntraCredential> named = context.getBean(NamedCredentials.class).asMap();
			for (EntraCredential credential : named.values()) {
				credential.getToken(TokenEndpoint.SCOPE).block();
			}
			long heap = ManyTenantsBenchmark.usedHeapAfterGc();
			int threads = ManagementFactory.getThreadMXBean().getThreadCount();
			System.out.println(
					String.format(Locale.ROOT, "STARTUP_NANOS=%d CREDENTIALS=%d THREADS=%d CONNECTIONS=%d" + " HEAP=%d",
							took, named.size(), threads, connectionsTo(port(authority)) - connectionsBefore, heap));
		}
	}

	private static int port(String authority) {
		int colon = authority.lastIndexOf(':');
		return (colon > "https:".length()) ? Integer.parseInt(authority.substring(colon + 1)) : 443;
	}

	/**
	 * Count the established TCP connections to the port from any process of this network
	 * namespace (Linux), or -1.
	 */
	private static int connectionsTo(int port) throws IOException {
		String remotePort = String.format(Locale.ROOT, "%04X", port);
		Set<String> local = new HashSet<>();
		boolean readable = false;
		for (String file : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
			Path path = Path.of(file);
			if (!Files.isReadable(path)) {
				continue;
			}
			readable = true;
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				// local address, remote address, state 01 = ESTABLISHED
				if (fields.length > 3 && fields[2].endsWith(":" + remotePort) && fields[3].equals("01")) {
					local.add(fields[1]);
				}
			}
		}
		return readable ? local.size() : -1_000_000;
	}

	/**
	 * The application: auto-configuration and nothing else.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProbeApplication {

	}

}
