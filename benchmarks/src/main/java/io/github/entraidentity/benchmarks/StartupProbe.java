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

import java.lang.management.ManagementFactory;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredentialBuilder;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * A minimal non-web application that the runner starts in a fresh JVM, with or without
 * the starter on the class path and with or without {@code identity.*} properties. It
 * prints how long {@code SpringApplication.run} took (in wall-clock time and in CPU time
 * of the main thread, which the JIT compiler's and garbage collector's threads competing
 * for the cores disturb less), how many classes the JVM had loaded when it returned (a
 * count that the machine's noise does not move) and how many credential beans the context
 * holds. With {@code --probe.first-token=starter|library|azure} it then takes one token
 * and also prints the milliseconds from the JVM's start until the token was there: from
 * the auto-configured credential ({@code starter}), or from a credential the application
 * builds itself after starting without the starter, ours ({@code library}) or
 * azure-identity's ({@code azure}), with the endpoint given by {@code --probe.*}
 * properties.
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
		long startCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		SpringApplication application = new SpringApplication(ProbeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		try (ConfigurableApplicationContext context = application.run(args)) {
			long took = System.nanoTime() - start;
			long tookCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpu;
			long loadedClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
			int credentials = 0;
			if (ClassUtils.isPresent(CREDENTIAL_CLASS, StartupProbe.class.getClassLoader())) {
				credentials = context.getBeanNamesForType(Class.forName(CREDENTIAL_CLASS)).length;
			}
			String firstToken = context.getEnvironment().getProperty("probe.first-token");
			String sinceJvmStart = "";
			if (firstToken != null) {
				String token = FirstToken.take(firstToken, context);
				long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
				if (token.isEmpty()) {
					throw new IllegalStateException("No token");
				}
				sinceJvmStart = " FIRST_TOKEN_MILLIS=" + millis;
			}
			System.out.println("STARTUP_NANOS=" + took + " MAIN_CPU_NANOS=" + tookCpu + " LOADED_CLASSES="
					+ loadedClasses + " CREDENTIAL_BEANS=" + credentials + sinceJvmStart);
		}
	}

	/**
	 * The first token, each kind in a class of its own so that only its classes load.
	 */
	private static final class FirstToken {

		static String take(String kind, ConfigurableApplicationContext context) {
			Environment environment = context.getEnvironment();
			return switch (kind) {
				case "starter" -> Starter.token(context);
				case "library" -> Library.token(environment);
				case "azure" -> Azure.token(environment);
				default -> throw new IllegalArgumentException("Unknown probe.first-token " + kind);
			};
		}

		private static String property(Environment environment, String name) {
			return environment.getRequiredProperty("probe." + name);
		}

		private static final class Starter {

			static String token(ConfigurableApplicationContext context) {
				return context.getBean(EntraCredential.class).getTokenSync(TokenEndpoint.SCOPE).token();
			}

		}

		private static final class Library {

			static String token(Environment environment) {
				try (ClientSecretCredential credential = ClientSecretCredential.builder()
					.tenantId(TokenEndpoint.TENANT)
					.clientId(property(environment, "client-id"))
					.clientSecret(TokenEndpoint.SECRET)
					.authority(property(environment, "authority"))
					.build()) {
					return credential.getTokenSync(TokenEndpoint.SCOPE).token();
				}
			}

		}

		private static final class Azure {

			static String token(Environment environment) {
				com.azure.identity.ClientSecretCredential credential = new ClientSecretCredentialBuilder()
					.tenantId(TokenEndpoint.TENANT)
					.clientId(property(environment, "client-id"))
					.clientSecret(TokenEndpoint.SECRET)
					.authorityHost(property(environment, "authority"))
					.disableInstanceDiscovery()
					.build();
				return credential.getTokenSync(new TokenRequestContext().addScopes(TokenEndpoint.SCOPE)).getToken();
			}

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
