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

package io.github.entraidentity.emulator.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.emulator.EmulatorSettings;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test main of docs/testing.md, {@link TestConsumerApplication}: the application run
 * against an emulator outside of a test, with the emulator's settings and its own
 * arguments.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
class RunAgainstEmulatorTests {

	private static final Path GUIDE = Path.of("..", "docs", "testing.md");

	@Test
	void testMainPointsTheApplicationsCredentialAtTheEmulatorAndKeepsItsArguments() throws Exception {
		// The arguments add a source that captures the context: it is seen only if they
		// reach the application. The emulator the main starts stays with the JVM, as in
		// a test main.
		TestConsumerApplication.main(new String[] { "--spring.main.sources=" + Capture.class.getName(),
				"--spring.application.name=orders-from-test-main" });
		try (ConfigurableApplicationContext context = Capture.CONTEXTS.poll()) {
			assertThat(context).as("the application's own arguments reached it").isNotNull();
			assertThat(context.getEnvironment().getProperty("spring.application.name"))
				.isEqualTo("orders-from-test-main");
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.tenantId()).isEqualTo(EmulatorSettings.DEFAULT_TENANT_ID);
			assertThat(credential.clientId()).isEqualTo(EmulatorSettings.DEFAULT_CLIENT_ID);
			AccessToken token = credential.getToken("api://orders/.default").block(Duration.ofSeconds(10));
			assertThat(token.token()).startsWith("ey");
		}
	}

	@Test
	void emulatorSaysWhereItListensOnOneLine(LogCapture log) {
		try (EntraEmulator entra = EntraEmulator.start()) {
			assertThat(log.text().lines().filter((line) -> line.contains("Entra emulator listening on")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("INFO", entra.authority(), entra.tenantId(),
						entra.clientId()));
		}
	}

	@Test
	void guideShowsThisTestMain() throws IOException {
		String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
		int example = guide.indexOf("public class TestOrderServiceApplication");
		assertThat(example).as("the test main of docs/testing.md").isNotNegative();
		String guideMain = mainBody(guide.substring(example, guide.indexOf("```", example))).replace("OrderService",
				"Consumer");
		String testMain = mainBody(Files.readString(
				Path.of("src/test/java/io/github/entraidentity/emulator/consumer/TestConsumerApplication.java"),
				StandardCharsets.UTF_8));
		assertThat(guideMain).isEqualTo(testMain);
	}

	// The statements of main, without white space, so that formatting does not count
	private static String mainBody(String source) {
		int start = source.indexOf('{', source.indexOf("public static void main"));
		int end = source.indexOf("\n\t}", start);
		return source.substring(start + 1, end).replaceAll("\\s+", "");
	}

	/**
	 * A source of the application the test main runs: captures its context.
	 */
	public static class Capture implements ApplicationContextAware {

		static final BlockingQueue<ConfigurableApplicationContext> CONTEXTS = new LinkedBlockingQueue<>();

		@Override
		public void setApplicationContext(ApplicationContext context) {
			CONTEXTS.add((ConfigurableApplicationContext) context);
		}

	}

}
