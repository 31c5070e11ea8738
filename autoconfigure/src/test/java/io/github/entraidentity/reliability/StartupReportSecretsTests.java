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

package io.github.entraidentity.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup reports of invalid configurations name each property and its problem but never
 * show a value that failed validation: a client secret configured as the tenant id (the
 * {@code AZURE_*} variables or the {@code identity.*} properties swapped), the password
 * in an authority's user info, or a cache key that is not base64.
 */
@ExtendWith(ReliabilityReportExtension.class)
class StartupReportSecretsTests {

	private static final String SECRET = "Xy8Q~startup.Canary_Secret-0123456789abcd";

	private static final String PASSWORD = "authority-Canary~Password.99";

	private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
					WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void startupReportsNeverShowAValueThatFailedValidation() {
		List<String> reports = new ArrayList<>();
		reports
			.add(report(Map.of("AZURE_TENANT_ID", SECRET, "AZURE_CLIENT_ID", "client-1", "AZURE_CLIENT_SECRET", TENANT),
					new String[0], "AZURE_TENANT_ID"));
		reports.add(report(Map.of(), new String[] { "identity.tenant-id=" + SECRET, "identity.client-id=client-1",
				"identity.client-secret=" + TENANT }, "identity.tenant-id"));
		reports.add(report(Map.of(),
				new String[] { "identity.tenant-id=" + TENANT, "identity.client-id=client-1",
						"identity.client-secret=" + SECRET,
						"identity.authority=https://admin:" + PASSWORD + "@login.example.com" },
				"identity.authority"));
		reports.add(report(Map.of(),
				new String[] { "identity.tenant-id=" + TENANT, "identity.client-id=client-1",
						"identity.client-secret=" + SECRET, "identity.cache.persistence.enabled=true",
						"identity.cache.persistence.key=" + SECRET },
				"identity.cache.persistence.key"));
		for (String report : reports) {
			assertThat(report).doesNotContain(SECRET).doesNotContain("Canary").doesNotContain(PASSWORD);
		}
		ReliabilityReport.record(Section.SECRETS, 5,
				"startup reports of invalid configurations: AZURE_TENANT_ID and AZURE_CLIENT_SECRET swapped,"
						+ " identity.tenant-id and identity.client-secret swapped, an authority with a password in"
						+ " its user info, a cache key that is not base64",
				"neither: each report names the property and its problem, never the value",
				"failure analysis (description and action), exception messages and stack traces", reports.size()
						+ " reports, " + reports.stream().mapToInt(String::length).sum() + " characters searched");
	}

	private String report(Map<String, Object> variables, String[] properties, String property) {
		StringBuilder report = new StringBuilder();
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables)))
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = analyze(failure);
				assertThat(analysis.getDescription()).contains("Property: " + property);
				StringWriter trace = new StringWriter();
				failure.printStackTrace(new PrintWriter(trace));
				report.append(analysis.getDescription()).append(analysis.getAction()).append(trace);
			});
		return report.toString();
	}

	private static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null,
					FailureHandler.logging(LogFactory.getLog(StartupReportSecretsTests.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null && analysis.getDescription().contains("Microsoft Entra ID")) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analysis for " + failure.getClass().getName());
	}

}
