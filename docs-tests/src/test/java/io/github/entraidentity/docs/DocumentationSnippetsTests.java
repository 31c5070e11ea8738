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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.DocumentedIdentityProperties;
import io.github.entraidentity.autoconfigure.IdentityProperties;
import io.github.entraidentity.autoconfigure.redis.RedisTokenCacheProperties;
import io.github.entraidentity.docs.Documentation.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML and Java snippet of the README and the guides is real: YAML binds to the
 * starter's properties (and Spring Boot's), Java compiles against the published modules,
 * and foreign snippets (Spring Cloud Azure, Spring Security, Kubernetes, Prometheus) are
 * checked as far as they can be. The conventions are described in docs/README.md
 * ("Checked snippets").
 *
 * @author Entra Identity contributors
 */
class DocumentationSnippetsTests {

	/**
	 * Spring Cloud Azure's credential and profile properties, as its reference documents
	 * them ("Spring Cloud Azure configuration properties" on learn.microsoft.com).
	 */
	private static final Set<String> SPRING_CLOUD_AZURE = Set.of("spring.cloud.azure.credential.client-id",
			"spring.cloud.azure.credential.client-secret", "spring.cloud.azure.credential.client-certificate-path",
			"spring.cloud.azure.credential.client-certificate-password", "spring.cloud.azure.credential.username",
			"spring.cloud.azure.credential.password", "spring.cloud.azure.credential.managed-identity-enabled",
			"spring.cloud.azure.credential.token-credential-bean-name", "spring.cloud.azure.profile.tenant-id",
			"spring.cloud.azure.profile.cloud-type", "spring.cloud.azure.profile.subscription-id");

	/**
	 * Spring Boot's OAuth 2.0 client properties ({@code OAuth2ClientProperties}, not on
	 * this class path).
	 */
	private static final Pattern SPRING_SECURITY = Pattern.compile("spring\\.security\\.oauth2\\.client\\."
			+ "(registration\\.[^.]+\\.(provider|client-id|client-secret|client-authentication-method"
			+ "|authorization-grant-type|redirect-uri|scope|client-name)"
			+ "|provider\\.[^.]+\\.(authorization-uri|token-uri|user-info-uri|user-info-authentication-method"
			+ "|user-name-attribute|jwk-set-uri|issuer-uri))");

	private static final Pattern PROMETHEUS_METER = Pattern.compile("\\bidentity_[a-z_]+");

	private static final List<String> PROMETHEUS_SUFFIXES = List.of("_seconds_count", "_seconds_sum", "_seconds_max",
			"_seconds_bucket", "_seconds", "_total");

	@Test
	void everyYamlSnippetBindsToTheStartersAndBootsProperties() {
		List<Block> snippets = snippets("yaml", "");
		assertThat(snippets).hasSizeGreaterThan(15);
		Map<String, Boolean> bootProperties = bootProperties();
		List<String> problems = new ArrayList<>();
		for (Block snippet : snippets) {
			for (EnumerablePropertySource<?> document : load(snippet)) {
				StandardEnvironment environment = environment(document);
				DocumentedIdentityProperties.unknown(environment)
					.forEach((problem) -> problems.add(snippet.location() + ": " + problem));
				try {
					Binder binder = Binder.get(environment);
					binder.bind("identity", IdentityProperties.class);
					binder.bind("identity.cache.redis", RedisTokenCacheProperties.class);
				}
				catch (RuntimeException ex) {
					problems.add(snippet.location() + ": does not bind: " + ex.getMessage());
				}
				for (String name : document.getPropertyNames()) {
					String property = withoutIndex(name);
					if (!property.startsWith("identity.") && !isBootProperty(property, bootProperties)) {
						problems.add(snippet.location() + ": " + name + " is not a Spring Boot property");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyJavaSnippetCompiles(@TempDir Path classes) {
		List<Block> snippets = new ArrayList<>(snippets("java", ""));
		snippets.addAll(snippets("java", "spring-security"));
		assertThat(snippets).hasSizeGreaterThan(20);
		Map<String, Block> byPackage = new LinkedHashMap<>();
		snippets.forEach((snippet) -> byPackage.put("snippets.s" + byPackage.size(), snippet));
		assertThat(SnippetCompiler.compile(byPackage, classes, Map.of())).isEmpty();
	}

	@Test
	void springCloudAzureSnippetsUseItsDocumentedCredentialProperties() {
		List<Block> snippets = snippets("yaml", "spring-cloud-azure");
		assertThat(snippets).isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Block snippet : snippets) {
			for (EnumerablePropertySource<?> document : load(snippet)) {
				for (String name : document.getPropertyNames()) {
					if (!SPRING_CLOUD_AZURE.contains(name)) {
						problems.add(snippet.location() + ": " + name);
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void springSecuritySnippetsUseItsClientRegistrationProperties() {
		List<Block> snippets = snippets("yaml", "spring-security");
		assertThat(snippets).isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Block snippet : snippets) {
			for (EnumerablePropertySource<?> document : load(snippet)) {
				for (String name : document.getPropertyNames()) {
					if (!SPRING_SECURITY.matcher(withoutIndex(name)).matches()) {
						problems.add(snippet.location() + ": " + name);
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void kubernetesSnippetsAreYaml() {
		List<Block> snippets = snippets("yaml", "kubernetes");
		assertThat(snippets).isNotEmpty();
		for (Block snippet : snippets) {
			assertThat(load(snippet)).as(snippet.location())
				.allSatisfy((document) -> assertThat(document.getPropertyNames()).isNotEmpty());
		}
	}

	@Test
	void prometheusRulesUseOnlyTheDocumentedMeters() {
		List<Block> snippets = snippets("yaml", "prometheus");
		assertThat(snippets).isNotEmpty();
		Set<String> meters = documentedMeters();
		assertThat(meters).contains("identity.token.fetch", "identity.client.authentication.switches");
		List<String> problems = new ArrayList<>();
		for (Block snippet : snippets) {
			assertThat(load(snippet)).as(snippet.location()).isNotEmpty();
			Matcher series = PROMETHEUS_METER.matcher(snippet.code());
			while (series.find()) {
				if (!meters.contains(meter(series.group()))) {
					problems.add(snippet.location() + ": " + series.group() + " is not a documented meter");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everySnippetSaysWhatItIs() {
		// Checked: yaml and java; shown as they are: build files, shell sessions, output
		Set<String> known = Set.of("yaml", "java", "xml", "shell", "bash", "sh", "console", "text", "json", "http",
				"groovy", "kotlin", "");
		List<String> unknown = new ArrayList<>();
		for (Block block : Documentation.blocks()) {
			if (block.language().equals("yml") || (block.language().equals("properties") && block.kind().isEmpty())) {
				unknown.add(block.location() + ": ```" + block.language()
						+ " snippets are not checked: write them as ```yaml");
			}
			else if (!known.contains(block.language()) && !block.language().equals("properties")) {
				unknown.add(block.location() + ": ```" + block.language() + " is not a language these tests know");
			}
		}
		assertThat(unknown).isEmpty();
	}

	private static List<Block> snippets(String language, String kind) {
		return Documentation.blocks().stream().filter((block) -> block.is(language, kind)).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<EnumerablePropertySource<?>> load(Block snippet) {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(snippet.location(),
					new ByteArrayResource(snippet.code().getBytes(StandardCharsets.UTF_8)));
			return (List<EnumerablePropertySource<?>>) (List<?>) documents;
		}
		catch (IOException | RuntimeException ex) {
			throw new AssertionError(snippet.location() + " is not valid YAML: " + ex.getMessage(), ex);
		}
	}

	private static StandardEnvironment environment(PropertySource<?> document) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(document);
		return environment;
	}

	private static String withoutIndex(String name) {
		return name.replaceAll("\\[\\d+\\]", "");
	}

	// A property of Boot's metadata, or under one whose type is a map (such as
	// spring.ssl.bundle.pem.<name>.*)
	private static boolean isBootProperty(String name, Map<String, Boolean> properties) {
		if (properties.containsKey(name)) {
			return true;
		}
		ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertyName parent = property.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
			if (Boolean.TRUE.equals(properties.get(parent.toString()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the properties of every configuration metadata file on the class path, each
	 * with whether its type is a map.
	 */
	private static Map<String, Boolean> bootProperties() {
		Map<String, Boolean> properties = new LinkedHashMap<>();
		try {
			Enumeration<URL> files = DocumentationSnippetsTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json");
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (metadata.get("properties") instanceof Collection<?> entries) {
						for (Object entry : entries) {
							Map<?, ?> property = (Map<?, ?>) entry;
							String type = String.valueOf(property.get("type"));
							properties.put(String.valueOf(property.get("name")), type.startsWith("java.util.Map<"));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(properties).containsKeys("management.endpoints.web.exposure.include", "spring.data.redis.host");
		return properties;
	}

	// The meters of the metrics table in docs/operating.md
	private static Set<String> documentedMeters() {
		Set<String> meters = new HashSet<>();
		Pattern row = Pattern.compile("^\\| `(identity\\.[a-z.]+)` \\|");
		for (String line : Documentation.lines(Documentation.ROOT.resolve("docs/operating.md"))) {
			Matcher meter = row.matcher(line);
			if (meter.find()) {
				meters.add(meter.group(1));
			}
		}
		return meters;
	}

	private static String meter(String series) {
		for (String suffix : PROMETHEUS_SUFFIXES) {
			if (series.endsWith(suffix)) {
				return series.substring(0, series.length() - suffix.length()).replace('_', '.');
			}
		}
		return series.replace('_', '.');
	}

}
