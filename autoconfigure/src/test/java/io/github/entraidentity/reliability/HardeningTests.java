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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.BearerTokenFilter;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A hostile or broken authority, API or shared directory, through the public API: each
 * row fails without the defence it names.
 */
@ExtendWith(ReliabilityReportExtension.class)
class HardeningTests {

	private static final String TOKEN_PATH = "/hardening-tenant/oauth2/v2.0/token";

	private static final String SCOPE = "api://hardening/.default";

	private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@RegisterExtension
	static WireMockExtension api = TestTls.httpsWireMock();

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	@BeforeEach
	void startClock() {
		this.clock.advanceTimeTo(START);
	}

	@Test
	void expiresOnInMillisecondsDoesNotMakeATokenLiveForMillennia() {
		long expiresOnMillis = START.toEpochMilli() + 3_600_000;
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(okJson("{\"token_type\":\"Bearer\",\"access_token\":"
				+ "\"ms-token\",\"expires_in\":3600,\"expires_on\":" + expiresOnMillis + "}")));
		AccessToken token = credential().getToken(SCOPE).block(Duration.ofSeconds(10));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
		ReliabilityReport.record(Section.HARDENING, 10,
				"authority sends expires_on in milliseconds (year ~58,000) next to a valid expires_in",
				"expires_on outside 1 s..365 days is ignored: the token expires after expires_in (3600 s); refresh_in"
						+ " has the same bounds and never lands after the expiry",
				"1", "expires " + token.expiresOn());
	}

	@Test
	void claimsTheCredentialWouldRejectYieldTheApisUnauthorized() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		String claims = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"access_token\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\"" + claims + "\"")
			.withBody("challenged")));
		String result = apiClient(credential()).get()
			.uri("/data")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((body) -> response.statusCode().value() + " " + body))
			.block(Duration.ofSeconds(10));
		assertThat(result).isEqualTo("401 challenged");
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(tokenRequests).isOne();
		ReliabilityReport.record(Section.HARDENING, 20,
				"API answers 401 with a claims challenge whose claims decode to {\"access_token\":\"x\"}",
				"the caller gets the API's 401 (claims are validated once, where the challenge is read), not an"
						+ " IllegalArgumentException; no token request with those claims",
				String.valueOf(tokenRequests));
	}

	@Test
	void apiThatChallengesEveryCallCannotTurnEveryCallIntoATokenRequest() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(containing("claims="))
			.atPriority(1)
			.willReturn(TokenResponses.token("claims-token", 3600)));
		api.stubFor(get("/data").willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate",
					"Bearer error=\"insufficient_claims\", claims=\"{{{base64 (join '{\"access_token\":{\"nbf\":"
							+ "{\"essential\":true,\"value\":\"' (randomValue length=10 type='NUMERIC') '\"}}}' '')}}}\"")
			.withBody("challenged")
			.withTransformers("response-template")));
		WebClient client = apiClient(credential());
		int calls = 100;
		int unauthorized = 0;
		for (int i = 0; i < calls; i++) {
			Integer status = client.get()
				.uri("/data")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block(Duration.ofSeconds(10));
			unauthorized += (status == 401) ? 1 : 0;
		}
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(unauthorized).isEqualTo(calls);
		assertThat(tokenRequests).isEqualTo(6);
		ReliabilityReport.record(Section.HARDENING, 21,
				"API answers every one of " + calls + " calls with a new claims challenge (1 minute, virtual clock)",
				"at most 5 token requests with claims per scope set and minute (the same claims within 30 s reuse"
						+ " their token); beyond that the filter returns the API's 401 as it is, WARN once per minute,"
						+ " counted as identity.token.claims.limited",
				tokenRequests + " (1 plain + 5 with claims)", calls + " calls, " + unauthorized + " answered 401");
	}

	@Test
	void tokenIsNeverAttachedToARelativeUrlResolvedLater() {
		entra.stubFor(post(urlPathMatching(TOKEN_PATH)).willReturn(TokenResponses.token("plain-token", 3600)));
		HttpClient resolving = HttpClient.create()
			.secure((spec) -> spec.sslContext(TestTls.trustingSslContext()))
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl());
		WebClient client = TestTls.webClient(resolving)
			.mutate()
			.filter(BearerTokenFilter.of(credential(), SCOPE))
			.build();
		assertThatIllegalStateException()
			.isThrownBy(() -> client.get().uri("/data").retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
			.withMessageContaining("no scheme or host");
		int apiRequests = api.findAll(anyRequestedFor(anyUrl())).size();
		int tokenRequests = entra.findAll(anyRequestedFor(anyUrl())).size();
		assertThat(apiRequests + tokenRequests).isZero();
		ReliabilityReport.record(Section.HARDENING, 30,
				"request with a relative URL that the HttpClient's base URL resolves after the filter ran",
				"refused with IllegalStateException before any token is fetched: a token is attached only when the"
						+ " URL's scheme and host are known and allowed",
				tokenRequests + " token, " + apiRequests + " API");
	}

	private ClientSecretCredential credential() {
		return ClientSecretCredential.builder()
			.tenantId("hardening-tenant")
			.clientId("hardening-client")
			.clientSecret("hardening-Secret~1")
			.authority(entra.getRuntimeInfo().getHttpsBaseUrl())
			.webClient(TestTls.webClient())
			.scheduler(this.clock)
			.build();
	}

	private static WebClient apiClient(ClientSecretCredential credential) {
		return TestTls.webClient()
			.mutate()
			.baseUrl(api.getRuntimeInfo().getHttpsBaseUrl())
			.filter(BearerTokenFilter.of(credential, SCOPE))
			.build();
	}

}
