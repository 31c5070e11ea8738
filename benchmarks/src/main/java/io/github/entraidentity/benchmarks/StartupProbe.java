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

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * A minimal non-web application that the runner starts in a fresh JVM, with or without
 * the starter on the class path and with or without {@code identity.*} properties. It
 * prints how long {@code SpringApplication.run} took and how many credential beans the
 * context holds.
 *
 * @author Entra Identity contributors
 */
public final class StartupProbe {

	static final String CREDENTIAL_CLASS = "io.github.entraidentity.credential.ClientSecretCredential";

	private StartupProbe() {
	}

	/**
	 * Start and stop the application once.
	 * @param args application arguments, such as {@code --identity.tenant-id=...}
	 * @throws ClassNotFoundException never: the credential class is checked first
	 */
	public static void main(String[] args) throws ClassNotFoundException {
		long start = System.nanoTime();
		SpringApplication application = new SpringApplication(ProbeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		try (ConfigurableApplicationContext context = application.run(args)) {
			long took = System.nanoTime() - start;
			int credentials = 0;
			if (ClassUtils.isPresent(CREDENTIAL_CLASS, StartupProbe.class.getClassLoader())) {
				credentials = context.getBeanNamesForType(Class.forName(CREDENTIAL_CLASS)).length;
			}
			System.out.println("STARTUP_NANOS=" + took + " CREDENTIAL_BEANS=" + credentials);
		}
	}

	/**
	 * The application: auto-configuration and nothing else.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProbeApplication {

	}

}
