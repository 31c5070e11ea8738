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

package io.github.entraidentity.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import io.github.entraidentity.credential.internal.Authority;
import io.github.entraidentity.testsupport.TestTls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Settings are validated when the credential is built, before any network call.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class CredentialValidationTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	@AfterEach
	void noRequestReachedTheServer() {
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n" })
	void missingTenantIdIsRejectedNamingTheArgument(String tenantId) {
		assertThatIllegalArgumentException().isThrownBy(() -> TestCredentials.builder(entra).tenantId(tenantId).build())
			.withMessageContaining("tenantId must be set")
			.withMessageNotContaining(TestCredentials.SECRET);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n" })
	void missingClientIdIsRejectedNamingTheArgument(String clientId) {
		assertThatIllegalArgumentException().isThrownBy(() -> TestCredentials.builder(entra).clientId(clientId).build())
			.withMessageContaining("clientId must be set")
			.withMessageNotContaining(TestCredentials.SECRET);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n" })
	void missingClientSecretIsRejectedNamingTheArgument(String clientSecret) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).clientSecret(clientSecret).build())
			.withMessageContaining("clientSecret must be set");
	}

	@Test
	void constructorValidatesLikeTheBuilder() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSecretCredential("tenant-1", "client-1", " "))
			.withMessageContaining("clientSecret must be set");
	}

	@Test
	void errorsAboutOtherSettingsNeverShowTheSecret() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).tenantId("bad/tenant").build())
			.withMessageNotContaining(TestCredentials.SECRET);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).authority("ftp://x").build())
			.withMessageNotContaining(TestCredentials.SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tenant/x", "../tenant", "tenant..x", "ten ant", "tenant?x=1", "tenant#x", "ténant",
			"tenant%2F", "tenant\\x" })
	void tenantWithInvalidCharactersIsRejectedWithTheFindIdsLink(String tenantId) {
		assertThatIllegalArgumentException().isThrownBy(() -> TestCredentials.builder(entra).tenantId(tenantId).build())
			.withMessageContaining("tenantId is not a valid tenant id")
			.withMessageContaining("https://learn.microsoft.com/partner-center/find-ids-and-domain-names");
	}

	@Test
	void overlongTenantIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).tenantId("a".repeat(257)).build())
			.withMessageContaining("tenantId is not a valid tenant id: it is longer than 256 characters");
	}

	@Test
	void validTenantFormsAreAccepted() {
		for (String tenant : new String[] { "72f988bf-86f1-41af-91ab-2d7cd011db47", "contoso.onmicrosoft.com",
				"organizations", "a".repeat(256) }) {
			assertThat(TestCredentials.builder(entra).tenantId(tenant).build().tenantId()).isEqualTo(tenant);
		}
	}

	@Test
	void authorityWithoutSchemeGetsHttps() {
		assertThat(authority("login.microsoftonline.us")).isEqualTo(AzureAuthorityHosts.AZURE_GOVERNMENT);
		assertThat(authority("localhost:8443")).isEqualTo("https://localhost:8443");
	}

	@Test
	void authorityTrailingSlashesAndSpacesAreStripped() {
		assertThat(authority("  " + AzureAuthorityHosts.AZURE_CHINA + "//  "))
			.isEqualTo(AzureAuthorityHosts.AZURE_CHINA);
		assertThat(authority(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD + "/"))
			.isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://login.microsoftonline.com", "http://127.0.0.1.nip.io",
			"http://localhost.example.com", "http://10.0.0.1", "HTTP://login.microsoftonline.com" })
	void plainHttpToANonLoopbackHostIsRefused(String authority) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).authority(authority).build())
			.withMessageContaining("must be a TLS protected (https) URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "http://LOCALHOST:8080", "http://127.0.0.1:9000", "http://127.1.2.3",
			"http://[::1]:8443" })
	void plainHttpToALoopbackHostIsAccepted(String authority) {
		assertThat(authority(authority)).isEqualTo(authority);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://login.microsoftonline.com", "file:///etc/passwd", "ws://localhost",
			"javascript:alert(1)", "https://login.microsoftonline.com?x=1", "https://login.microsoftonline.com/#frag",
			"https://", "/just/a/path", "https://login.microsoftonline.com:99999" })
	void authorityWithOtherSchemeQueryOrFragmentIsRefused(String authority) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra).authority(authority).build())
			.withMessageContaining("invalid authority");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://login.microsoftonline.com:70000", "login.microsoftonline.com:70000",
			"https://login.microsoftonline.com:0" })
	void authorityPortOutsideTheValidRangeIsReportedNamingThePort(String authority) {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> TestCredentials.builder(entra).authority(authority).build())
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.setting()).isEqualTo("authority");
				assertThat(problem.reason()).contains("its port").contains("is outside 1..65535");
				assertThat(problem.action()).contains("https://login.microsoftonline.com");
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "::1", "[::1]", "localhost", "127.0.0.1", "LOCALHOST" })
	void loopbackRuleAcceptsBothFormsOfIpv6Loopback(String host) {
		assertThat(Authority.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "::2", "[::2]", "10.0.0.1", "localhost.example.com", "127.0.0.1.nip.io" })
	void loopbackRuleRefusesOtherHosts(String host) {
		assertThat(Authority.isLoopback(host)).isFalse();
	}

	@Test
	void reportsEveryProblemOfAConfigurationAtOnceByBuilderName() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> TestCredentials.builder(entra)
				.tenantId("bad/tenant")
				.clientId(" ")
				.authority("https://login.microsoftonline.com:70000")
				.additionallyAllowedTenants(List.of("ok", "*", "a..b"))
				.connectTimeout(Duration.ZERO)
				.maxRetries(11)
				.maxResponseBytes(10)
				.refreshOffset(Duration.ofSeconds(-1))
				.maxCacheEntries(0)
				.cachePersistenceOptions(TokenCachePersistenceOptions.builder().directory(this.directory).build())
				.build())
			.satisfies((ex) -> {
				assertThat(ex).isInstanceOf(IllegalArgumentException.class);
				assertThat(ex.problems()).extracting(InvalidSetting::setting)
					.containsExactly("tenantId", "clientId", "authority", "additionallyAllowedTenants[2]",
							"connectTimeout", "maxRetries", "maxResponseBytes", "refreshOffset", "maxCacheEntries",
							"cachePersistenceOptions.encryptionKey");
				assertThat(ex.problems()).allSatisfy((problem) -> assertThat(problem.action()).isNotBlank());
				assertThat(ex.getMessage()).contains("maxRetries must be between 0 and 10")
					.doesNotContain(TestCredentials.SECRET)
					.doesNotContain("bad/tenant");
			});
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void responseBodyCapAboveOneMebibyteIsRefusedWithTheBound() {
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> TestCredentials.builder(entra).maxResponseBytes(Integer.MAX_VALUE).build())
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(InvalidSetting::setting).containsExactly("maxResponseBytes");
				assertThat(ex.getMessage()).contains("maxResponseBytes must be between 1024 and 1048576 bytes")
					.contains("token responses are a few KiB");
			});
		TestCredentials.builder(entra).maxResponseBytes(1024 * 1024).validate();
	}

	@Test
	void validateReportsLikeBuildWithoutBuilding() {
		ClientSecretCredential.Builder builder = TestCredentials.builder(entra).maxRetries(-1);
		assertThatExceptionOfType(InvalidCredentialSettingsException.class).isThrownBy(builder::validate)
			.satisfies((ex) -> assertThat(ex.problems()).extracting(InvalidSetting::setting)
				.containsExactly("maxRetries"));
		builder.maxRetries(0).validate();
	}

	@Test
	void settersStillRefuseNullImmediately() {
		ClientSecretCredential.Builder builder = ClientSecretCredential.builder();
		assertThatNullPointerException().isThrownBy(() -> builder.connectTimeout(null))
			.withMessage("connectTimeout must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.environment((Function<String, String>) null))
			.withMessage("environment must not be null");
	}

	@Test
	void swappedTenantAndSecretNeverShowTheSecret() {
		String secret = "Xy8Q~aBcD.eFg_hIjK-lMnOpQrStUvWxYz0123456";
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> ClientSecretCredential.builder()
				.tenantId(secret)
				.clientId("client-1")
				.clientSecret("72f988bf-86f1-41af-91ab-2d7cd011db47")
				.authority(secret)
				.additionallyAllowedTenants(List.of(secret))
				.build())
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(InvalidSetting::setting)
					.containsExactly("tenantId", "authority", "additionallyAllowedTenants[0]");
				assertThat(ex.getMessage()).doesNotContain(secret).doesNotContain("Xy8Q");
				assertThat(ex.problems())
					.allSatisfy((problem) -> assertThat(problem.toString()).doesNotContain(secret));
			});
	}

	@Test
	void authorityWithUserInfoIsRefusedWithoutEchoingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TestCredentials.builder(entra)
				.authority("https://admin:hunter2@login.microsoftonline.com")
				.build())
			.withMessageContaining("user info")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void authorityHostEnvironmentVariableIsTheDefault() {
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.authority(null)
			.environment(Map.of("AZURE_AUTHORITY_HOST", AzureAuthorityHosts.AZURE_CHINA + "/"))
			.build();
		assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_CHINA);
	}

	@Test
	void blankAuthorityHostEnvironmentVariableMeansThePublicCloud() {
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.authority(null)
			.environment(Map.of("AZURE_AUTHORITY_HOST", " "))
			.build();
		assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
	}

	@Test
	void explicitAuthorityWinsOverTheEnvironment() {
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.authority(AzureAuthorityHosts.AZURE_GOVERNMENT)
			.environment(Map.of("AZURE_AUTHORITY_HOST", AzureAuthorityHosts.AZURE_CHINA))
			.build();
		assertThat(credential.authority()).isEqualTo(AzureAuthorityHosts.AZURE_GOVERNMENT);
	}

	@Test
	void publicCloudIsTheDefaultAuthority() {
		assertThat(new ClientSecretCredential("tenant-1", "client-1", "secret").authority())
			.isEqualTo(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD);
	}

	@Test
	void zeroScopesAreAnError() {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		assertThatIllegalArgumentException().isThrownBy(() -> credential.getToken().block())
			.withMessageContaining("at least one scope");
		assertThatIllegalArgumentException().isThrownBy(() -> credential.getToken(new String[0]).block())
			.withMessageContaining("at least one scope");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " " })
	void blankScopeIsAnError(String scope) {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		assertThatIllegalArgumentException().isThrownBy(() -> credential.getToken("api://a/.default", scope).block())
			.withMessageContaining("scope");
	}

	@Test
	void nullScopeIsAnError() {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		assertThatIllegalArgumentException().isThrownBy(() -> credential.getToken("api://a/.default", null).block())
			.withMessageContaining("scope");
	}

	@Test
	void toStringsShowNoSecret() {
		ClientSecretCredential.Builder builder = TestCredentials.builder(entra);
		assertThat(builder.toString()).doesNotContain(TestCredentials.SECRET).contains("tenant-1");
		assertThat(builder.build().toString()).doesNotContain(TestCredentials.SECRET).contains("tenant-1");
	}

	@Test
	void persistenceOptionsReportEveryProblemAtOnce() {
		Path keyFile = this.directory.resolve("cache.key");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> TokenCachePersistenceOptions.builder()
				.name("../escape")
				.encryptionKey(new byte[16])
				.encryptionKeyFile(keyFile)
				.build())
			.satisfies((ex) -> assertThat(ex.problems())
				.extracting(InvalidSetting::setting, (problem) -> problem.reason().substring(0, 10))
				.containsExactly(tuple("cachePersistenceOptions.name", "is not a p"),
						tuple("cachePersistenceOptions.encryptionKey", "has 16 byt"),
						tuple("cachePersistenceOptions.encryptionKey", "is set tog")));
	}

	@Test
	void unreadableKeyFileJoinsTheReportWithoutItsContent() throws Exception {
		Path keyFile = Files.writeString(this.directory.resolve("cache.key"), "not-a-key-c2VjcmV0");
		assertThatExceptionOfType(InvalidCredentialSettingsException.class).isThrownBy(() -> TestCredentials
			.builder(entra)
			.tenantId("")
			.cachePersistenceOptions(
					TokenCachePersistenceOptions.builder().directory(this.directory).encryptionKeyFile(keyFile).build())
			.build()).satisfies((ex) -> {
				assertThat(ex.problems()).extracting(InvalidSetting::setting)
					.containsExactly("tenantId", "cachePersistenceOptions.encryptionKeyFile");
				assertThat(ex.getMessage()).contains(keyFile.toString()).doesNotContain("c2VjcmV0");
			});
	}

	private String authority(String authority) {
		return TestCredentials.builder(entra).authority(authority).build().authority();
	}

}
