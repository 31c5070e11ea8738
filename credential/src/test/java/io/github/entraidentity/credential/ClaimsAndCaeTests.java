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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code claims} field: Continuous Access Evaluation and claims challenges.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class ClaimsAndCaeTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void caeWithoutClaimsSendsTheCp1Capability() {
		String claims = sentClaims(TokenRequestContext.of("api://a/.default").withCaeEnabled(true));
		assertThat(claims).isEqualTo("{\"access_token\":{\"xms_cc\":{\"values\":[\"CP1\"]}}}");
	}

	@Test
	void caeWithClaimsMergesTheCapabilityIntoTheCallersClaims() {
		String challenge = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}},"
				+ "\"id_token\":{\"acrs\":{\"values\":[\"c1\"]}}}";
		String claims = sentClaims(
				TokenRequestContext.of("api://a/.default").withCaeEnabled(true).withClaims(challenge));
		assertThat(json.readTree(claims)).isEqualTo(json.readTree("{\"access_token\":{\"nbf\":{\"essential\":true,"
				+ "\"value\":\"1700000000\"},\"xms_cc\":{\"values\":[\"CP1\"]}},"
				+ "\"id_token\":{\"acrs\":{\"values\":[\"c1\"]}}}"));
	}

	@Test
	void caeWithClaimsWithoutAccessTokenAddsIt() {
		String claims = sentClaims(TokenRequestContext.of("api://a/.default")
			.withCaeEnabled(true)
			.withClaims("{\"id_token\":{\"auth_time\":{\"essential\":true}}}"));
		JsonNode sent = json.readTree(claims);
		assertThat(sent.get("id_token")).isEqualTo(json.readTree("{\"auth_time\":{\"essential\":true}}"));
		assertThat(sent.get("access_token")).isEqualTo(json.readTree("{\"xms_cc\":{\"values\":[\"CP1\"]}}"));
	}

	@Test
	void claimsWithoutCaeAreSentVerbatim() {
		String challenge = "{ \"access_token\" : {\"nbf\":{\"essential\":true, \"value\":\"1700000000\"}} }";
		String claims = sentClaims(TokenRequestContext.of("api://a/.default").withClaims(challenge));
		assertThat(claims).isEqualTo(challenge);
	}

	@Test
	void caeOffWithoutClaimsSendsNoClaims() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
		TestCredentials.builder(entra).build().getToken(TokenRequestContext.of("api://a/.default")).block();
		assertThat(TestCredentials.form(entra.findAll(anyRequestedFor(anyUrl())).get(0))).doesNotContainKey("claims");
	}

	@Test
	void malformedClaimsAreRejectedBeforeAnyRequest() {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		for (String claims : new String[] { "{not json", "[1,2]", "\"text\"", "42", "{\"a\":1} trailing" }) {
			for (boolean cae : new boolean[] { true, false }) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> credential
						.getToken(TokenRequestContext.of("api://a/.default").withCaeEnabled(cae).withClaims(claims))
						.block())
					.withMessageContaining("claims");
			}
		}
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void claimsWhoseAccessTokenIsNotAnObjectAreRejectedWithCae() {
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		assertThatIllegalArgumentException().isThrownBy(() -> credential
			.getToken(
					TokenRequestContext.of("api://a/.default").withCaeEnabled(true).withClaims("{\"access_token\":1}"))
			.block()).withMessageContaining("access_token");
		assertThat(entra.getAllServeEvents()).isEmpty();
	}

	@Test
	void requestWithClaimsBypassesTheCachedToken() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("api://a/.default").block();
		credential.getToken("api://a/.default").block();
		assertThat(entra.getAllServeEvents()).hasSize(1);
		credential.getToken(TokenRequestContext.of("api://a/.default").withClaims("{\"access_token\":{}}")).block();
		assertThat(entra.getAllServeEvents()).hasSize(2);
	}

	private String sentClaims(TokenRequestContext context) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok", 3600)));
		TestCredentials.builder(entra).build().getToken(context).block();
		return TestCredentials.form(entra.findAll(anyRequestedFor(anyUrl())).get(0)).get("claims");
	}

}
