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

package io.github.entraidentity.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.junit.EntraEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh application with the starter and actuator (none of the sample's own
 * configuration) answers {@code /actuator/health/identity} and the metrics endpoint with
 * the "Actuator setup" snippet of docs/operating.md, and 404 without it: Boot's defaults
 * hide health components and do not expose the metrics endpoint.
 *
 * @author Entra Identity contributors
 */
class ActuatorSetupTests {

	private static final Path GUIDE = Path.of("..", "docs", "operating.md");

	private static final String SECTION = "## Actuator setup";

	private static final String SCOPE = "api://actuator-setup/.default";

	@RegisterExtension
	static EntraEmulatorExtension entra = new EntraEmulatorExtension();

	@Test
	void guideSnippetShowsIdentityHealthAndTokenMetrics() throws IOException {
		try (ConfigurableApplicationContext context = start(guideSnippet())) {
			context.getBean(ClientSecretCredential.class).getToken(SCOPE).block(Duration.ofSeconds(10));
			WebClient actuator = actuator(context);
			assertThat(get(actuator, "/actuator/health/identity")).contains("\"status\":\"UP\"")
				.contains("\"tenantId\":\"" + entra.emulator().tenantId() + "\"");
			assertThat(get(actuator, "/actuator/metrics/identity.token.fetch"))
				.contains("\"name\":\"identity.token.fetch\"");
		}
	}

	@Test
	void freshApplicationHidesIdentityHealthAndMetricsWithoutTheSnippet() {
		try (ConfigurableApplicationContext context = start(List.of())) {
			context.getBean(ClientSecretCredential.class).getToken(SCOPE).block(Duration.ofSeconds(10));
			WebClient actuator = actuator(context);
			assertThat(status(actuator, "/actuator/health")).isEqualTo(HttpStatus.OK);
			assertThat(status(actuator, "/actuator/health/identity")).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(status(actuator, "/actuator/metrics/identity.token.fetch")).isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	private static ConfigurableApplicationContext start(List<PropertySource<?>> snippet) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				// Not the sample's application.yml: a fresh application has none of it.
				"spring.config.name=fresh-application", "emulator.enabled=false"));
		entra.emulator().identityProperties().forEach((name, value) -> properties.add(name + "=" + value));
		return new SpringApplicationBuilder(FreshApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			.initializers((context) -> snippet.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run();
	}

	/**
	 * Read the YAML block of the guide's "Actuator setup" section, so that the test
	 * proves the snippet users copy.
	 */
	private static List<PropertySource<?>> guideSnippet() throws IOException {
		String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
		int section = guide.indexOf(SECTION + "\n");
		assertThat(section).as("docs/operating.md section '%s'", SECTION).isNotNegative();
		int start = guide.indexOf("```yaml\n", section) + "```yaml\n".length();
		String yaml = guide.substring(start, guide.indexOf("```", start));
		return new YamlPropertySourceLoader().load("docs/operating.md actuator setup",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
	}

	private static WebClient actuator(ConfigurableApplicationContext context) {
		return AppClients.webClientOnPort(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

	private static String get(WebClient client, String path) {
		return client.get().uri(path).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
	}

	private static HttpStatus status(WebClient client, String path) {
		return HttpStatus.valueOf(client.get()
			.uri(path)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FreshApplication {

	}

}
