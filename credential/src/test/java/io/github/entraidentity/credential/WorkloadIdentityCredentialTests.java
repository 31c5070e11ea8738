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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import io.github.entraidentity.testsupport.KubernetesSecretVolume;
import io.github.entraidentity.testsupport.NamedPipes;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Workload identity as a pod on AKS runs it: the federated token file and the variables
 * the webhook injects, a kubelet-style token refresh, and Entra's AADSTS700024 for a
 * token that expired.
 *
 * @author Entra Identity contributors
 */
class WorkloadIdentityCredentialTests {

	private static final String SCOPE = "https://storage.azure.com/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@TempDir
	Path directory;

	@Test
	void aPodNeedsNoConfigurationBeyondWhatTheWebhookInjects() {
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, "sa-token-1");
		stubTokenFor("sa-token-1", "tok-1");
		WorkloadIdentityCredential credential = webhookInjected(volume.file()).build();
		assertThat(credential.getToken(SCOPE).block().token()).isEqualTo("tok-1");
		entra.verify(postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH))
			.withRequestBody(containing("client_id=" + TestCredentials.CLIENT_ID))
			.withRequestBody(containing(
					"client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
			.withRequestBody(containing("client_assertion=sa-token-1")));
		assertThat(credential.clientAuthentication().method()).isEqualTo("workload_identity");
		assertThat(credential.clientAuthentication().source()).isEqualTo("federated token file " + volume.file());
	}

	@Test
	void theTokenTheKubeletSwappedInIsSentWithTheNextTokenRequest() {
		KubernetesSecretVolume volume = KubernetesSecretVolume.create(this.directory, "sa-token-1");
		stubTokenFor("sa-token-1", "tok-1");
		stubTokenFor("sa-token-2", "tok-2");
		WorkloadIdentityCredential credential = webhookInjected(volume.file()).build();
		assertThat(credential.getToken(SCOPE).block().token()).isEqualTo("tok-1");
		volume.swap("sa-token-2");
		assertThat(credential.getToken("api://other/.default").block().token()).isEqualTo("tok-2");
		assertThat(credential.getToken(SCOPE).block().token()).isEqualTo("tok-1");
	}

	@Test
	void anExpiredAssertionReadsTheFileOnceMoreAndRetries() throws Exception {
		Path file = Files.writeString(this.directory.resolve("token"), "sa-token-1");
		FileTime written = Files.getLastModifiedTime(file);
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).withRequestBody(containing("sa-token-1"))
			.willReturn(TokenResponses.error(401, "invalid_client", 700024,
					"Client assertion is not within its valid time range.")));
		stubTokenFor("sa-token-2", "tok-2");
		WorkloadIdentityCredential credential = webhookInjected(file).build();
		// Rewritten in place with the same size and time: only reading again finds it
		Files.writeString(file, "sa-token-2");
		Files.setLastModifiedTime(file, written);
		assertThat(credential.getToken(SCOPE).block().token()).isEqualTo("tok-2");
		entra.verify(2, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void anExpiredAssertionThatTheFileStillHoldsFailsWithEntrasError() throws Exception {
		Path file = Files.writeString(this.directory.resolve("token"), "sa-token-1");
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.error(401,
				"invalid_client", 700024, "Client assertion is not within its valid time range.")));
		WorkloadIdentityCredential credential = webhookInjected(file).build();
		assertThatExceptionOfType(ClientAuthenticationException.class)
			.isThrownBy(() -> credential.getToken(SCOPE).block())
			.satisfies((ex) -> assertThat(ex.errorCodes()).containsExactly(700024L));
		entra.verify(1, postRequestedFor(urlEqualTo(TestCredentials.TOKEN_PATH)));
	}

	@Test
	void aMissingFifoOrHugeTokenFileFailsTheBuildWithoutHanging() throws Exception {
		assertThat(problem(this.directory.resolve("missing"))).contains("does not exist");
		assertThat(problem(NamedPipes.create(this.directory.resolve("fifo")))).contains("not a regular file");
		Path huge = this.directory.resolve("huge");
		Files.write(huge, new byte[10 * 1024 * 1024]);
		assertThat(problem(huge)).contains("larger than");
		assertThat(problem(Files.writeString(this.directory.resolve("empty"), " \n"))).contains("empty");
	}

	@Test
	void withoutTheWebhooksVariablesTheBuildNamesEverySettingToMake() {
		InvalidCredentialSettingsException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				InvalidCredentialSettingsException.class,
				() -> WorkloadIdentityCredential.builder().environment(Map.of()).build());
		assertThat(ex.problems()).extracting(InvalidCredentialSettingsException.InvalidSetting::setting)
			.containsExactly("tenantId", "clientId", "tokenFilePath");
		assertThat(ex.getMessage()).contains("AZURE_FEDERATED_TOKEN_FILE");
	}

	private String problem(Path file) {
		InvalidCredentialSettingsException ex = org.assertj.core.api.Assertions
			.catchThrowableOfType(InvalidCredentialSettingsException.class, () -> webhookInjected(file).build());
		assertThat(ex).as("a failed build").isNotNull();
		return ex.problems().get(0).setting() + " " + ex.problems().get(0).reason();
	}

	private static WorkloadIdentityCredential.Builder webhookInjected(Path tokenFile) {
		return WorkloadIdentityCredential.builder()
			.environment(Map.of("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(), "AZURE_CLIENT_ID",
					TestCredentials.CLIENT_ID, "AZURE_TENANT_ID", TestCredentials.TENANT, "AZURE_AUTHORITY_HOST",
					entra.baseUrl()))
			.webClient(TestTls.webClient());
	}

	private static void stubTokenFor(String assertion, String token) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.withRequestBody(containing("client_assertion=" + assertion))
			.willReturn(TokenResponses.token(token, 3600)));
	}

}
