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

package io.github.entraidentity.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.AzureAuthorityHosts;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.credential.TokenTransportException;
import io.github.entraidentity.credential.internal.TokenPipeline;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IdentityAutoConfiguration}.
 *
 * @author Entra Identity contributors
 */
class IdentityAutoConfigurationTests {

	private static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

	private static final String SECRET = "s3cr3t-value-never-printed";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withInitializer(environmentVariables(Map.of()));

	@Test
	void backsOffQuietlyWithoutCredentialProperties() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ClientSecretCredential.class);
		});
	}

	@Test
	void bindsBuildsAndChecksNothingWithoutAnyIdentityPropertyOrAzureClientId() {
		withConfigurationCheck(Map.of("AZURE_TENANT_ID", "env-tenant")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(IdentityProperties.class)
				.doesNotHaveBean(CredentialFactory.class)
				.doesNotHaveBean(IdentityConfigurationCheck.class);
			// Secrets of other libraries' AZURE_* variables are masked all the same
			assertThat(context).hasBean("identitySanitizingFunction");
		});
	}

	@Test
	void checksTheConfigurationWhenOnlyAzureClientIdIsSet() {
		withConfigurationCheck(Map.of("AZURE_CLIENT_ID", "managed-identity-client")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(IdentityConfigurationCheck.class)
				.hasSingleBean(IdentityProperties.class)
				.doesNotHaveBean(ClientSecretCredential.class);
		});
	}

	@Test
	void createsCredentialWithDefaultsWhenCredentialPropertiesAreSet() {
		this.contextRunner.withPropertyValues(credentialProperties()).run((context) -> {
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.tenantId()).isEqualTo("tenant-1");
			assertThat(credential.clientId()).isEqualTo("client-1");
			assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
			IdentityProperties properties = context.getBean(IdentityProperties.class);
			assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getHttp().getResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getHttp().getMaxRetries()).isEqualTo(3);
			assertThat(properties.getCache().getPersistence().isEnabled()).isFalse();
			assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void bindsEveryProperty() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.authority=login.microsoftonline.us",
					"identity.additionally-allowed-tenants=tenant-2,tenant-3",
					"identity.cache.persistence.enabled=true", "identity.cache.persistence.name=app.cache",
					"identity.cache.persistence.directory=/tmp/entra-identity-tests",
					"identity.cache.persistence.allow-unencrypted-storage=true",
					"identity.cache.persistence.key=" + key, "identity.http.connect-timeout=2s",
					"identity.http.response-timeout=3s", "identity.http.max-retries=5",
					"identity.proxy.host=proxy.example.com", "identity.proxy.port=3128",
					"identity.proxy.username=proxy-user", "identity.proxy.password=proxy-password",
					"identity.proxy.non-proxy-hosts=localhost,*.corp.example.com",
					"identity.health.scopes=api://app/.default", "identity.health.timeout=7s")
			.run((context) -> {
				assertThat(context.getBean(ClientSecretCredential.class).authority())
					.isEqualTo(AzureAuthorityHosts.AZURE_GOVERNMENT);
				IdentityProperties properties = context.getBean(IdentityProperties.class);
				assertThat(properties.getAdditionallyAllowedTenants()).containsExactly("tenant-2", "tenant-3");
				IdentityProperties.Persistence persistence = properties.getCache().getPersistence();
				assertThat(persistence.getName()).isEqualTo("app.cache");
				assertThat(persistence.getDirectory()).isEqualTo(Path.of("/tmp/entra-identity-tests"));
				assertThat(persistence.isAllowUnencryptedStorage()).isTrue();
				assertThat(persistence.getKey()).isEqualTo(key);
				assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getHttp().getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getHttp().getMaxRetries()).isEqualTo(5);
				assertThat(properties.getProxy().getHost()).isEqualTo("proxy.example.com");
				assertThat(properties.getProxy().getPort()).isEqualTo(3128);
				assertThat(properties.getProxy().getUsername()).isEqualTo("proxy-user");
				assertThat(properties.getProxy().getPassword()).isEqualTo("proxy-password");
				assertThat(properties.getProxy().getNonProxyHosts()).containsExactly("localhost", "*.corp.example.com");
				assertThat(properties.getHealth().getScopes()).containsExactly("api://app/.default");
				assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void bindsPropertiesFromEnvironmentVariablesWithRelaxedNames() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("IDENTITY_TENANTID", "tenant-1", "IDENTITY_CLIENTID",
					"client-1", "IDENTITY_CLIENTSECRET", SECRET, "IDENTITY_AUTHORITY", "login.chinacloudapi.cn",
					"IDENTITY_HTTP_CONNECTTIMEOUT", "4s", "IDENTITY_ADDITIONALLYALLOWEDTENANTS_0_", "tenant-2")))
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThat(credential.tenantId()).isEqualTo("tenant-1");
				assertThat(credential.clientId()).isEqualTo("client-1");
				assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_CHINA);
				IdentityProperties properties = context.getBean(IdentityProperties.class);
				assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(properties.getAdditionallyAllowedTenants()).containsExactly("tenant-2");
			});
	}

	@Test
	void usesAzureEnvironmentVariablesWhenNoCredentialPropertyIsSet() {
		this.contextRunner
			.withInitializer(environmentVariables(
					Map.of("AZURE_TENANT_ID", "env-tenant", "AZURE_CLIENT_ID", "env-client", "AZURE_CLIENT_SECRET",
							SECRET, "AZURE_AUTHORITY_HOST", AzureAuthorityHosts.AZURE_GOVERNMENT)))
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThat(credential.tenantId()).isEqualTo("env-tenant");
				assertThat(credential.clientId()).isEqualTo("env-client");
				assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_GOVERNMENT);
			});
	}

	@Test
	void prefersIdentityPropertiesOverAzureEnvironmentVariables() {
		this.contextRunner.withInitializer(azureEnvironmentVariables())
			.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.authority=" + AzureAuthorityHosts.AZURE_CHINA)
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThat(credential.tenantId()).isEqualTo("tenant-1");
				assertThat(credential.clientId()).isEqualTo("client-1");
				assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_CHINA);
			});
	}

	@Test
	void doesNotMixPartialIdentityPropertiesWithAzureEnvironmentVariables() {
		this.contextRunner.withInitializer(azureEnvironmentVariables())
			.withPropertyValues("identity.client-id=client-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(problemNames(context)).containsExactly("identity.tenant-id", "identity.client-secret");
			});
	}

	@Test
	void ignoresLoneAzureClientId() {
		this.contextRunner.withInitializer(environmentVariables(Map.of("AZURE_CLIENT_ID", "managed-identity-client")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ClientSecretCredential.class);
			});
	}

	@Test
	void backsOffWhenUserDefinesCredential() {
		this.contextRunner.withUserConfiguration(UserCredentialConfiguration.class)
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientSecretCredential.class);
				assertThat(context.getBean(ClientSecretCredential.class).clientId()).isEqualTo("user-client");
			});
	}

	@Test
	void createsNoCredentialWhenDisabled() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.enabled=false", "identity.tenant-id=bad/tenant")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ClientSecretCredential.class);
			});
	}

	@Test
	void reportsEachMissingCredentialPropertyWithoutShowingTheSecret() {
		this.contextRunner.withPropertyValues("identity.client-secret=" + SECRET).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.contains("Property: identity.tenant-id\n    Reason: must be set and not blank")
				.contains("Property: identity.client-id\n    Reason: must be set and not blank")
				.doesNotContain("Property: identity.client-secret");
			assertThat(analysis.getAction()).contains("identity.tenant-id: Set it to the Microsoft Entra tenant")
				.contains("identity.client-id: Set it to the application (client) id");
			assertThat(analysis.getDescription() + analysis.getAction() + context.getStartupFailure())
				.doesNotContain(SECRET);
		});
	}

	@Test
	void reportsUnresolvedSecretPlaceholderNamingPropertyAndVariableAndSendsNothing() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1",
					"identity.client-secret=${ENTRA_CLIENT_SECRET}",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.client-secret\n"
						+ "    Reason: refers to ENTRA_CLIENT_SECRET, which is not set (its ${ENTRA_CLIENT_SECRET}"
						+ " placeholder was left unresolved)");
				assertThat(analysis.getAction()).contains("identity.client-secret: Set ENTRA_CLIENT_SECRET as an"
						+ " environment variable or property, or replace the placeholder in identity.client-secret.");
				assertThat(problemNames(context)).containsExactly("identity.client-secret");
			});
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void reportsOnlyThePlaceholderOfAnUnresolvedTenantId() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.tenant-id=${ENTRA_TENANT_ID}")
			.run((context) -> {
				assertThat(problemNames(context)).containsExactly("identity.tenant-id");
				assertThat(analyze(context).getDescription()).contains("refers to ENTRA_TENANT_ID")
					.doesNotContain("is not a valid tenant id");
			});
	}

	@Test
	void reportsUnresolvedPlaceholdersOfEveryIdentityPropertyTogetherWithOtherProblems() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.additionally-allowed-tenants[0]=tenant-2",
					"identity.additionally-allowed-tenants[1]=${PARTNER_TENANT}",
					"identity.health.scopes=api://${API_NAME}/.default", "identity.ssl.bundle=missing")
			.run((context) -> assertThat(problemNames(context)).containsExactly(
					"identity.additionally-allowed-tenants[1]", "identity.health.scopes", "identity.ssl.bundle"));
	}

	@Test
	void acceptsResolvedPlaceholdersAndPlaceholdersWithDefaults() {
		this.contextRunner.withInitializer(environmentVariables(Map.of("ENTRA_CLIENT_SECRET", SECRET)))
			.withPropertyValues("identity.tenant-id=${ENTRA_TENANT_ID:tenant-1}", "identity.client-id=client-1",
					"identity.client-secret=${ENTRA_CLIENT_SECRET}")
			.run((context) -> assertThat(context.getBean(ClientSecretCredential.class).tenantId())
				.isEqualTo("tenant-1"));
	}

	@Test
	void ignoresUnresolvedPlaceholderOfAnOverriddenSource() {
		this.contextRunner.withInitializer(environmentVariables(Map.of("IDENTITY_CLIENTSECRET", "${NOT_SET}")))
			.withPropertyValues(credentialProperties())
			.run((context) -> assertThat(context).hasSingleBean(ClientSecretCredential.class));
	}

	@Test
	void reportsEmptyClientSecret() {
		this.contextRunner
			.withPropertyValues("identity.tenant-id=tenant-1", "identity.client-id=client-1", "identity.client-secret=")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.client-secret\n    Reason: must be set and not blank"));
	}

	@Test
	void reportsInvalidTenantId() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.tenant-id=tenant/../evil")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.tenant-id")
					.contains("is not a valid tenant id")
					.doesNotContain("tenant/../evil");
				assertThat(analysis.getAction()).contains("find-ids-and-domain-names");
			});
	}

	@Test
	void reportsHttpAuthorityToNonLoopbackHost() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.authority=http://login.example.com")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.authority")
					.contains("plain http is accepted only for loopback hosts");
				assertThat(analysis.getAction()).contains("identity.authority: Use an https URL");
			});
	}

	@Test
	void reportsInvalidAzureAuthorityHostByItsName() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_TENANT_ID", "env-tenant", "AZURE_CLIENT_ID",
					"env-client", "AZURE_CLIENT_SECRET", SECRET, "AZURE_AUTHORITY_HOST", "ftp://login.example.com")))
			.run((context) -> assertThat(analyze(context).getDescription()).contains("Property: AZURE_AUTHORITY_HOST")
				.contains("the scheme 'ftp' is not supported"));
	}

	@Test
	void reportsUnknownSslBundle() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.ssl.bundle=missing")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.ssl.bundle")
					.contains("names SSL bundle 'missing' which does not exist");
				assertThat(analysis.getAction()).contains("spring.ssl.bundle.jks.missing");
			});
	}

	@Test
	void reportsProxyHostWithoutPort() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.proxy.host=proxy.example.com")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: identity.proxy.port\n    Reason: is not set while identity.proxy.host is"));
	}

	@Test
	void reportsProxyPasswordWithoutHostOrUserWithoutShowingIt() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.proxy.password=proxy-secret")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(problemNames(context)).containsExactly("identity.proxy.password", "identity.proxy.username");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("proxy-secret");
			});
	}

	@Test
	void reportsInvalidHttpSettings() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.http.connect-timeout=0s", "identity.http.max-retries=11")
			.run((context) -> assertThat(problemNames(context)).containsExactly("identity.http.connect-timeout",
					"identity.http.max-retries"));
	}

	@Test
	void reportsACacheBoundBelowOneByItsProperty() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.cache.max-entries=0")
			.run((context) -> assertThat(problemNames(context)).containsExactly("identity.cache.max-entries"));
	}

	@Test
	void reportsCacheKeyThatIsNotBase64WithoutShowingIt() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.cache.persistence.enabled=true", "identity.cache.persistence.key=not%base64")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: identity.cache.persistence.key")
					.contains("is not valid base64")
					.doesNotContain("not%base64");
			});
	}

	@Test
	void reportsPersistentCacheWithoutEncryptionKey() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.cache.persistence.enabled=true")
			.run((context) -> assertThat(analyze(context).getAction()).contains(
					"identity.cache.persistence.key: Set identity.cache.persistence.key or identity.cache.persistence.key-file")
				.contains("identity.cache.persistence.allow-unencrypted-storage=true"));
	}

	@Test
	void reportsAuthorityPortOutOfRangeNamingThePort() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.authority=https://login.microsoftonline.com:70000")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(problemNames(context)).containsExactly("identity.authority");
				assertThat(analysis.getDescription()).contains("Property: identity.authority")
					.contains("its port 70000 is outside 1..65535");
				assertThat(analysis.getAction()).contains("identity.authority: Use an https URL");
			});
	}

	@Test
	void acceptsPlainHttpToTheIpv6LoopbackAuthority() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.authority=http://[::1]:8443")
			.run((context) -> assertThat(context.getBean(ClientSecretCredential.class).authority())
				.isEqualTo("http://[::1]:8443"));
	}

	@Test
	void neverShowsASecretSwappedIntoTheTenantId() {
		String secret = "Xy8Q~aBcD.eFg_hIjK-lMnOpQrStUvWxYz0123456";
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_TENANT_ID", secret, "AZURE_CLIENT_ID", "env-client",
					"AZURE_CLIENT_SECRET", "72f988bf-86f1-41af-91ab-2d7cd011db47")))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(problemNames(context)).containsExactly("AZURE_TENANT_ID");
				assertThat(analysis.getDescription()).contains("is not a valid tenant id");
				StringWriter trace = new StringWriter();
				context.getStartupFailure().printStackTrace(new PrintWriter(trace));
				assertThat(analysis.getDescription() + analysis.getAction() + trace).doesNotContain(secret)
					.doesNotContain("Xy8Q");
			});
	}

	@Test
	void reportsBootAndCredentialProblemsInOneStartupFailure() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.tenant-id=bad/tenant", "identity.http.max-retries=11",
					"identity.cache.persistence.enabled=true", "identity.cache.persistence.name=../escape",
					"identity.ssl.bundle=missing", "identity.proxy.host=proxy.example.com")
			.run((context) -> {
				assertThat(problemNames(context)).containsExactly("identity.tenant-id", "identity.http.max-retries",
						"identity.cache.persistence.name", "identity.ssl.bundle", "identity.proxy.port");
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).doesNotContain("identity.*").doesNotContain("bad/tenant");
			});
	}

	@Test
	void reportsProblemsACustomizerCausedByBuilderSetting() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withBean(ClientSecretCredentialBuilderCustomizer.class,
					() -> (builder) -> builder.totalTimeout(Duration.ZERO))
			.run((context) -> {
				assertThat(problemNames(context)).singleElement()
					.asString()
					.contains("totalTimeout")
					.contains("ClientSecretCredentialBuilderCustomizer");
				assertThat(analyze(context).getDescription()).contains("must be positive");
			});
	}

	@Test
	void readsTheMultiTenantSwitchFromTheSpringEnvironment() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH", "true")))
			.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.additionally-allowed-tenants=*")
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThatExceptionOfType(ClientAuthenticationException.class)
					.isThrownBy(() -> credential
						.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-2"))
						.block())
					.withMessageContaining("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH");
			});
	}

	@Test
	void registersFailureAnalyzer() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.logging(LogFactory.getLog(getClass())));
		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidIdentityPropertiesFailureAnalyzer.class);
	}

	@Test
	void fetchesTokenFromServerTrustedOnlyThroughSslBundle() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-ssl", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.ssl.bundle=entra",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				AccessToken token = context.getBean(ClientSecretCredential.class).getToken("api://x/.default").block();
				assertThat(token.token()).isEqualTo("tok-ssl");
			});
	}

	@Test
	void createsTheTokenClientOnTheFirstTokenRequest() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-first-use", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.ssl.bundle=entra",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				DeferredTokenWebClient tokenClient = tokenClient(credential);
				assertThat(tokenClient.isCreated()).isFalse();
				AccessToken token = credential.getToken("api://x/.default").block();
				assertThat(token.token()).isEqualTo("tok-first-use");
				assertThat(tokenClient.isCreated()).isTrue();
			});
	}

	@Test
	void failsStartupWhenTheStoreOfTheSslBundleCannotBeRead() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("spring.ssl.bundle.jks.entra.truststore.password=not-the-password",
					"identity.ssl.bundle=entra")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void boundsTheTokenCacheByItsProperty() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-bounded", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.ssl.bundle=entra", "identity.cache.max-entries=2",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				for (String scope : List.of("api://a/.default", "api://b/.default", "api://c/.default")) {
					assertThat(credential.getToken(scope).block().token()).isEqualTo("tok-bounded");
				}
				assertThat(credential.cachedTokens()).hasSize(2);
			});
	}

	@Test
	void failsTlsWithoutSslBundle() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-ssl", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.http.max-retries=0",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThatExceptionOfType(TokenTransportException.class)
					.isThrownBy(() -> credential.getToken("api://x/.default").block())
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(TokenTransportException.Kind.TLS));
			});
	}

	@Test
	void fallsBackToSpringHttpClientsSslBundle() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-shared-ssl", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("spring.http.clients.ssl.bundle=entra",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				AccessToken token = context.getBean(ClientSecretCredential.class).getToken("api://x/.default").block();
				assertThat(token.token()).isEqualTo("tok-shared-ssl");
			});
	}

	@Test
	void doesNotFollowRedirectsOfTokenRequests() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withStatus(307).withHeader("Location", "/elsewhere")));
		entra.stubFor(post(urlEqualTo("/elsewhere")).willReturn(TokenResponses.token("tok-redirected", 3600)));
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.http.max-retries=0",
					"identity.authority=" + entra.getRuntimeInfo().getHttpBaseUrl())
			.run((context) -> {
				ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> credential.getToken("api://x/.default").block());
				entra.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
			});
	}

	@Test
	void sendsTokenRequestsThroughProxy() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-proxy", 3600)));
		try (ConnectTunnelProxy proxy = new ConnectTunnelProxy()) {
			this.contextRunner.withPropertyValues(credentialProperties())
				.withPropertyValues(trustingSslBundle())
				.withPropertyValues("identity.ssl.bundle=entra",
						"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(),
						"identity.proxy.host=127.0.0.1", "identity.proxy.port=" + proxy.port(),
						"identity.proxy.username=proxy-user", "identity.proxy.password=proxy-password")
				.run((context) -> {
					AccessToken token = context.getBean(ClientSecretCredential.class)
						.getToken("api://x/.default")
						.block();
					assertThat(token.token()).isEqualTo("tok-proxy");
					assertThat(proxy.requests())
						.containsExactly("CONNECT localhost:" + entra.getRuntimeInfo().getHttpsPort() + " HTTP/1.1");
					assertThat(proxy.authorizations()).containsExactly("Basic " + Base64.getEncoder()
						.encodeToString("proxy-user:proxy-password".getBytes(StandardCharsets.UTF_8)));
				});
		}
	}

	@Test
	void bypassesProxyForNonProxyHosts() throws Exception {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-direct", 3600)));
		try (ConnectTunnelProxy proxy = new ConnectTunnelProxy()) {
			this.contextRunner.withPropertyValues(credentialProperties())
				.withPropertyValues("identity.authority=" + entra.getRuntimeInfo().getHttpBaseUrl(),
						"identity.proxy.host=127.0.0.1", "identity.proxy.port=" + proxy.port(),
						"identity.proxy.non-proxy-hosts=*host")
				.run((context) -> {
					AccessToken token = context.getBean(ClientSecretCredential.class)
						.getToken("api://x/.default")
						.block();
					assertThat(token.token()).isEqualTo("tok-direct");
					assertThat(proxy.requests()).isEmpty();
				});
		}
	}

	@Test
	void appliesCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context.getBean(ClientSecretCredential.class).authority())
					.isEqualTo(AzureAuthorityHosts.AZURE_CHINA);
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
			});
	}

	@Test
	void masksSecretsInActuatorOutput() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("identitySanitizingFunction", SanitizingFunction.class);
			MapPropertySource source = new MapPropertySource("test", Map.of());
			for (String key : List.of("identity.client-secret", "identity.clientSecret", "IDENTITY_CLIENTSECRET",
					"identity.client-secrets[0]", "identity.client-secrets[1]", "IDENTITY_CLIENTSECRETS_0_",
					"identity.client-secrets", "identity.proxy.password", "identity.cache.persistence.key",
					"identity.cache.redis.encryption-key", "identity.cache.redis.encryptionKey",
					"IDENTITY_CACHE_REDIS_ENCRYPTIONKEY", "identity.credentials.partner.cache.redis.encryption-key",
					"identity.credentials.partner.client-secret", "AZURE_CLIENT_SECRET")) {
				assertThat(function.apply(new SanitizableData(source, key, SECRET)).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			for (String key : List.of("identity.client-id", "identity.tenant-id", "AZURE_CLIENT_ID",
					"identity.client-secret-file", "identity.cache.persistence.key-file",
					"identity.cache.redis.key-prefix", "IDENTITY_CACHE_REDIS_KEYPREFIX",
					"identity.credentials.partner.client-id")) {
				assertThat(function.apply(new SanitizableData(source, key, "visible")).getValue()).as(key)
					.isEqualTo("visible");
			}
		});
	}

	@Test
	void masksSecretsInEnvironmentEndpointWhenValuesAreShown() {
		this.contextRunner.withInitializer(azureEnvironmentVariables())
			.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.proxy.host=proxy.example.com", "identity.proxy.port=3128",
					"identity.proxy.username=proxy-user", "identity.proxy.password=proxy-password")
			.run((context) -> {
				EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
						context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
				for (String name : List.of("identity.client-secret", "identity.proxy.password",
						"AZURE_CLIENT_SECRET")) {
					assertThat(endpoint.environmentEntry(name).getProperty().getValue()).as(name)
						.isEqualTo(SanitizableData.SANITIZED_VALUE);
				}
				assertThat(endpoint.environmentEntry("identity.client-id").getProperty().getValue())
					.isEqualTo("client-1");
			});
	}

	@Test
	void masksSecretsInConfigurationPropertiesEndpointWhenValuesAreShown() {
		this.contextRunner.withPropertyValues(credentialProperties())
			.withPropertyValues("identity.proxy.host=proxy.example.com", "identity.proxy.port=3128",
					"identity.proxy.username=proxy-user", "identity.proxy.password=proxy-password")
			.run((context) -> {
				ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
						context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
				endpoint.setApplicationContext(context);
				Map<String, Object> properties = endpoint.configurationPropertiesWithPrefix("identity")
					.getContexts()
					.get(context.getId())
					.getBeans()
					.values()
					.iterator()
					.next()
					.getProperties();
				assertThat(properties).containsEntry("clientId", "client-1")
					.containsEntry("clientSecret", SanitizableData.SANITIZED_VALUE);
				assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain("proxy-password");
			});
	}

	@Test
	void createsCredentialWithoutSpringBootWebClient() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-plain", 3600)));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
					IdentityCredentialsAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, SslAutoConfiguration.class))
			.withInitializer(environmentVariables(Map.of()))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.webclient"))
			.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.ssl.bundle=entra",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebClient.Builder.class);
				AccessToken token = context.getBean(ClientSecretCredential.class).getToken("api://x/.default").block();
				assertThat(token.token()).isEqualTo("tok-plain");
			});
	}

	@Test
	void backsOffWithoutSpringBootHttpClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientHttpConnectorBuilder.class))
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ClientSecretCredential.class);
			});
	}

	@Test
	void observesTokenRequestsWithTheApplicationsObservationRegistry() {
		entra.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(TokenResponses.token("tok-observed", 3600)));
		this.contextRunner.withUserConfiguration(ObservationRegistryConfiguration.class)
			.withPropertyValues(credentialProperties())
			.withPropertyValues(trustingSslBundle())
			.withPropertyValues("identity.ssl.bundle=entra",
					"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl())
			.run((context) -> {
				AccessToken token = context.getBean(ClientSecretCredential.class).getToken("api://x/.default").block();
				assertThat(token.token()).isEqualTo("tok-observed");
				assertThat(context.getBean(ObservationRegistryConfiguration.class).observed)
					.contains("http.client.requests");
			});
	}

	@Test
	void leavesApplicationWebClientBuilderUnchanged() {
		this.contextRunner.withUserConfiguration(UserWebClientBuilderConfiguration.class)
			.withPropertyValues(credentialProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientSecretCredential.class);
				WebClient.Builder builder = context.getBean(WebClient.Builder.class);
				assertThat(ReflectionTestUtils.getField(builder, "connector")).isNull();
				assertThat(ReflectionTestUtils.getField(builder, "strategiesConfigurers")).isNull();
			});
	}

	@Test
	void closesCredentialWhenContextCloses() {
		List<ClientSecretCredential> credentials = new ArrayList<>();
		this.contextRunner.withPropertyValues(credentialProperties()).run((context) -> {
			ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
			assertThat(credential.isClosed()).isFalse();
			credentials.add(credential);
		});
		assertThat(credentials).singleElement().satisfies((credential) -> assertThat(credential.isClosed()).isTrue());
	}

	private static DeferredTokenWebClient tokenClient(ClientSecretCredential credential) {
		TokenPipeline pipeline = (TokenPipeline) ReflectionTestUtils.getField(credential, "pipeline");
		assertThat(pipeline).isNotNull();
		WebClient webClient = pipeline.httpClient().webClient();
		assertThat(webClient).isInstanceOf(DeferredTokenWebClient.class);
		return (DeferredTokenWebClient) webClient;
	}

	private static String[] credentialProperties() {
		return new String[] { "identity.tenant-id=tenant-1", "identity.client-id=client-1",
				"identity.client-secret=" + SECRET };
	}

	private static String[] trustingSslBundle() {
		return new String[] { "spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12" };
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> azureEnvironmentVariables() {
		return environmentVariables(Map.of("AZURE_TENANT_ID", "env-tenant", "AZURE_CLIENT_ID", "env-client",
				"AZURE_CLIENT_SECRET", SECRET));
	}

	// The runner with the configuration check too, and only the given environment
	// variables
	private ApplicationContextRunner withConfigurationCheck(Map<String, Object> variables) {
		return this.contextRunner
			.withConfiguration(AutoConfigurations.of(IdentityConfigurationCheckAutoConfiguration.class))
			.withInitializer(environmentVariables(variables));
	}

	/**
	 * Replace the real environment variables with the given ones.
	 * @param variables the environment variables
	 * @return the initializer
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidIdentityPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static List<String> problemNames(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidIdentityPropertiesException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isNotNull();
		return ((InvalidIdentityPropertiesException) failure).problems()
			.stream()
			.map(InvalidIdentityPropertiesException.InvalidIdentityProperty::name)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCredentialConfiguration {

		@Bean
		ClientSecretCredential userCredential() {
			return new ClientSecretCredential("user-tenant", "user-client", "user-secret");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationRegistryConfiguration {

		final List<String> observed = new CopyOnWriteArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStart(Observation.Context context) {
					ObservationRegistryConfiguration.this.observed.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebClientBuilderConfiguration {

		@Bean
		WebClient.Builder userWebClientBuilder() {
			return WebClient.builder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		ClientSecretCredentialBuilderCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.authority(AzureAuthorityHosts.AZURE_CHINA);
			};
		}

		@Bean
		@Order(1)
		ClientSecretCredentialBuilderCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				builder.authority(AzureAuthorityHosts.AZURE_GOVERNMENT);
			};
		}

	}

}
