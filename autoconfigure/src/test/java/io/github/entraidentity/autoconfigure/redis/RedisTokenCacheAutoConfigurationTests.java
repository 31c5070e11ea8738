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

package io.github.entraidentity.autoconfigure.redis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.EntraCredentials;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.health.RedisTokenStoreHealthIndicator;
import io.github.entraidentity.redis.RedisTokenStore;
import io.github.entraidentity.redis.RedisTokenStoreMetrics;
import io.github.entraidentity.testsupport.RedisServer;
import io.github.entraidentity.testsupport.TestCertificates;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisTokenCacheAutoConfiguration}, on Spring Boot's Redis connection
 * to a real Redis.
 *
 * @author Entra Identity contributors
 */
class RedisTokenCacheAutoConfigurationTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IdentityAutoConfiguration.class, IdentityCredentialsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, SslAutoConfiguration.class, DataRedisAutoConfiguration.class,
						DataRedisReactiveAutoConfiguration.class, RedisTokenCacheAutoConfiguration.class))
		.withPropertyValues("identity.tenant-id=" + TestCredentials.TENANT,
				"identity.client-id=" + TestCredentials.CLIENT_ID, "identity.client-secret=" + TestCredentials.SECRET,
				"identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), "identity.ssl.bundle=entra",
				"spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12");

	@Test
	void doesNothingUnlessEnabled() {
		this.contextRunner.withPropertyValues("identity.cache.redis.encryption-key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisTokenStore.class));
	}

	@Test
	void sharesTokensThroughBootsRedisConnectionWhenEnabled() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		try (RedisServer redis = RedisServer.start()) {
			this.contextRunner
				.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
						"identity.cache.redis.key-prefix=app-a:", "spring.data.redis.port=" + redis.port())
				.run((context) -> {
					assertThat(context).hasSingleBean(RedisTokenStore.class);
					ClientSecretCredential credential = context.getBean(ClientSecretCredential.class);
					assertThat(credential.getToken("api://x/.default").block(Duration.ofSeconds(30)).token())
						.isEqualTo("tok-1");
					assertThat(redis.cli("--scan", "--pattern", "app-a:token:*")).contains("app-a:token:");
				});
		}
	}

	@Test
	void sharesTheTokensOfANamedCertificateCredentialToo(@TempDir Path directory) {
		entra.stubFor(post(urlEqualTo("/billing-tenant/oauth2/v2.0/token"))
			.willReturn(TokenResponses.token("tok-billing", 3600)));
		try (RedisServer redis = RedisServer.start()) {
			this.contextRunner
				.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
						"identity.cache.redis.key-prefix=app-b:", "spring.data.redis.port=" + redis.port(),
						"identity.credentials.billing.tenant-id=billing-tenant",
						"identity.credentials.billing.client-id=billing-client",
						"identity.credentials.billing.client-certificate.path="
								+ TestCertificates.rsa().writePem(directory.resolve("billing.pem")),
						"identity.credentials.billing.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(),
						"identity.credentials.billing.ssl.bundle=entra")
				.run((context) -> {
					EntraCredential billing = context.getBean(EntraCredentials.class).get("billing");
					assertThat(billing).isInstanceOf(ClientCertificateCredential.class);
					assertThat(billing.getToken("api://billing/.default").block(Duration.ofSeconds(30)).token())
						.isEqualTo("tok-billing");
					assertThat(redis.cli("--scan", "--pattern", "app-b:token:*")).contains("app-b:token:");
				});
		}
	}

	@Test
	void failsNamingThePropertyWhenTheKeyIsMissing() {
		this.contextRunner.withPropertyValues("identity.cache.redis.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("identity.cache.redis.encryption-key");
		});
	}

	@Test
	void failsNamingThePropertyWithoutEchoingAKeyOfTheWrongSize() {
		String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
		this.contextRunner
			.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + shortKey)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("identity.cache.redis.encryption-key")
					.hasMessageContaining("16 bytes")
					.hasMessageNotContaining(shortKey);
			});
	}

	@Test
	void failsNamingBothPropertiesWhenTheEncryptedFileCacheIsEnabledToo(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
					"identity.cache.persistence.enabled=true", "identity.cache.persistence.directory=" + directory,
					"identity.cache.persistence.key=" + KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				StringWriter trace = new StringWriter();
				context.getStartupFailure().printStackTrace(new PrintWriter(trace));
				assertThat(trace.toString())
					.contains("Invalid Microsoft Entra ID configuration: identity.cache.redis.enabled is"
							+ " set together with identity.cache.persistence.enabled")
					.contains("Use one of them")
					.doesNotContain(KEY);
			});
	}

	@Test
	void healthShowsRedisAsADetailAndStaysUpWhenRedisIsDown() {
		int unusedPort;
		try (RedisServer redis = RedisServer.start()) {
			unusedPort = redis.port();
		}
		this.contextRunner
			.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY,
					"identity.cache.redis.timeout=200ms", "spring.data.redis.port=" + unusedPort)
			.run((context) -> {
				RedisTokenStore store = context.getBean(RedisTokenStore.class);
				entra.stubFor(
						post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
				assertThat(context.getBean(ClientSecretCredential.class)
					.getToken("api://x/.default")
					.block(Duration.ofSeconds(30))
					.token()).isEqualTo("tok-1");
				assertThat(store.isAvailable()).isFalse();
				Health health = context.getBean(RedisTokenStoreHealthIndicator.class)
					.health()
					.block(Duration.ofSeconds(5));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("l2", "unavailable").containsKey("error");
			});
	}

	@Test
	void bindsMetricsWhenAMeterRegistryExists() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisTokenStoreMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(RedisTokenStoreMetrics.class).bindTo(registry);
				assertThat(registry.find(RedisTokenStoreMetrics.NAME).tag("result", "lock-wait").functionCounter())
					.isNotNull();
			});
	}

	@Test
	void backsOffWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("identity.cache.redis.enabled=true", "identity.cache.redis.encryption-key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("redisTokenStore"));
	}

}
