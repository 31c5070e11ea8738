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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How token endpoint responses become tokens or errors.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class TokenResponseTests {

	private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

	private static final String ISSUED_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJl";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@BeforeEach
	void startTheClock() {
		this.time.advanceTimeTo(START);
	}

	@Test
	void expiresOnIsRequestStartPlusExpiresIn() {
		AccessToken token = respond(TokenResponses.token(ISSUED_TOKEN, 3599));
		assertThat(token.token()).isEqualTo(ISSUED_TOKEN);
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3599));
		assertThat(token.tokenType()).isEqualTo("Bearer");
	}

	@Test
	void withoutRefreshInTheTokenCarriesTheCachesRefreshPoint() {
		// Five minutes before expiry by default: what a caching layer on top (the Azure
		// SDK's bearer policy) reads instead of applying a rule of its own
		AccessToken token = respond(TokenResponses.token(ISSUED_TOKEN, 3599));
		assertThat(token.refreshOn()).isEqualTo(START.plusSeconds(3599 - 300));
	}

	@Test
	void expiresInAsStringIsAccepted() {
		AccessToken token = respond(okJson("{\"access_token\":\"tok\",\"expires_in\":\"3600\"}"));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void numericExpiresOnWinsOverExpiresIn() {
		long expiresOn = START.getEpochSecond() + 7200;
		AccessToken token = respond(
				okJson("{\"access_token\":\"tok\",\"expires_in\":3600,\"expires_on\":" + expiresOn + "}"));
		assertThat(token.expiresOn()).isEqualTo(Instant.ofEpochSecond(expiresOn));
	}

	@Test
	void expiresOnInMillisecondsIsIgnoredInFavourOfExpiresIn() {
		long expiresOnMillis = START.toEpochMilli() + 3_600_000;
		AccessToken token = respond(
				okJson("{\"access_token\":\"tok\",\"expires_in\":3600,\"expires_on\":" + expiresOnMillis + "}"));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void expiresOnBeyondAYearWithoutExpiresInIsAnError() {
		long expiresOnMillis = START.toEpochMilli() + 3_600_000;
		ClientAuthenticationException ex = fail(
				okJson("{\"access_token\":\"" + ISSUED_TOKEN + "\",\"expires_on\":" + expiresOnMillis + "}"));
		assertThat(ex).hasMessageContaining("expires_on " + expiresOnMillis).hasMessageContaining("31536000 seconds");
	}

	@Test
	void refreshInOutsideTheSaneRangeIsIgnored() {
		AccessToken token = respond(
				okJson("{\"access_token\":\"tok\",\"expires_in\":3600,\"refresh_in\":99999999999}"));
		// The cache's own refresh point, five minutes before expiry, as without
		// refresh_in
		assertThat(token.refreshOn()).isEqualTo(START.plusSeconds(3600 - 300));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void refreshInAfterExpiryIsClampedToTheExpiry() {
		AccessToken token = respond(okJson("{\"access_token\":\"tok\",\"expires_in\":3600,\"refresh_in\":7200}"));
		assertThat(token.refreshOn()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void refreshOnComesFromRefreshIn() {
		AccessToken token = respond(okJson(
				"{\"access_token\":\"tok\",\"expires_in\":86399,\"refresh_in\":43199,\"token_type\":\"Bearer\"}"));
		assertThat(token.refreshOn()).isEqualTo(START.plusSeconds(43199));
		assertThat(token.expiresOn()).isEqualTo(START.plusSeconds(86399));
	}

	@Test
	void tokenTypeDefaultsToBearerAndIsKeptWhenSent() {
		assertThat(respond(okJson("{\"access_token\":\"tok\",\"expires_in\":3600}")).tokenType()).isEqualTo("Bearer");
		entra.resetAll();
		assertThat(respond(okJson("{\"access_token\":\"tok\",\"expires_in\":3600,\"token_type\":\"pop\"}")).tokenType())
			.isEqualTo("pop");
	}

	@Test
	void successWithoutAccessTokenIsAnErrorWithTheStatusAndAnExcerpt() {
		ClientAuthenticationException ex = fail(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		assertThat(ex.statusCode()).isEqualTo(200);
		assertThat(ex).hasMessageContaining("HTTP 200")
			.hasMessageContaining("no access_token")
			.hasMessageContaining("\"expires_in\":3600");
	}

	@Test
	void successWithoutExpiresInIsAnErrorThatHidesTheToken() {
		ClientAuthenticationException ex = fail(
				okJson("{\"token_type\":\"Bearer\",\"access_token\":\"" + ISSUED_TOKEN + "\"}"));
		assertThat(ex).hasMessageContaining("HTTP 200").hasMessageContaining("expires_in");
		assertNoTokenOrParserTrace(ex);
	}

	@Test
	void expiresInOutsideTheSaneRangeIsAnError() {
		for (String expiresIn : new String[] { "0", "-5", "99999999999", "\"soon\"" }) {
			entra.resetAll();
			ClientAuthenticationException ex = fail(
					okJson("{\"access_token\":\"" + ISSUED_TOKEN + "\",\"expires_in\":" + expiresIn + "}"));
			assertThat(ex).hasMessageContaining("expires_in");
			assertNoTokenOrParserTrace(ex);
		}
	}

	@Test
	void htmlInsteadOfJsonIsAnErrorWithAShortExcerpt() {
		String html = "<html><head><title>Login</title></head><body>" + "<p>Sign in</p>".repeat(500) + "</body></html>";
		ClientAuthenticationException ex = fail(
				aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(html));
		assertThat(ex.statusCode()).isEqualTo(200);
		assertThat(ex).hasMessageContaining("HTTP 200").hasMessageContaining("<html><head><title>Login");
		assertThat(ex.getMessage()).hasSizeLessThan(500);
		assertNoTokenOrParserTrace(ex);
	}

	@Test
	void htmlErrorPageFromAProxyIsReportedWithTheStatus() {
		ClientSecretCredential credential = TestCredentials.builder(entra).scheduler(this.time).maxRetries(0).build();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));
		TokenTransportException ex = catchThrowableOfType(TokenTransportException.class,
				() -> credential.getToken("api://a/.default").block());
		assertThat(ex.statusCode()).isEqualTo(502);
		assertThat(ex).hasMessageContaining("HTTP 502").hasMessageContaining("502 Bad Gateway");
		assertNoTokenOrParserTrace(ex);
	}

	@Test
	void emptyBodyIsAnError() {
		ClientAuthenticationException ex = fail(aResponse().withStatus(200));
		assertThat(ex).hasMessageContaining("HTTP 200").hasMessageContaining("<empty body>");
		assertNoTokenOrParserTrace(ex);
	}

	@Test
	void oversizeBodyIsAnErrorWithoutReadingIt() {
		String body = "{\"access_token\":\"" + ISSUED_TOKEN + "\",\"padding\":\"" + "x".repeat(4096)
				+ "\",\"expires_in\":3600}";
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.scheduler(this.time)
			.maxResponseBytes(2048)
			.build();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(okJson(body)));
		ClientAuthenticationException ex = catchThrowableOfType(ClientAuthenticationException.class,
				() -> credential.getToken("api://a/.default").block());
		assertThat(ex.statusCode()).isEqualTo(200);
		assertThat(ex).hasMessageContaining("HTTP 200").hasMessageContaining("larger than 2048 bytes");
		assertNoTokenOrParserTrace(ex);
	}

	@Test
	void entraErrorBodyBecomesAClientAuthenticationExceptionWithItsFields() {
		ClientAuthenticationException ex = fail(
				TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided."));
		assertThat(ex.statusCode()).isEqualTo(401);
		assertThat(ex.error()).isEqualTo("invalid_client");
		assertThat(ex.errorDescription()).startsWith("AADSTS7000215: Invalid client secret provided.");
		assertThat(ex.errorCodes()).containsExactly(7000215L);
		assertThat(ex.traceId()).isEqualTo("0d0d0d0d-1111-2222-3333-444444444444");
		assertThat(ex.correlationId()).isEqualTo("5e5e5e5e-6666-7777-8888-999999999999");
		assertThat(ex).hasMessageStartingWith(
				"Microsoft Entra ID error '(invalid_client) AADSTS7000215: Invalid client secret provided.");
		assertThat(ex).isNotInstanceOf(CredentialUnavailableException.class);
	}

	@Test
	void entraErrorWithBadRequestStatusIsNotRetried() {
		ClientAuthenticationException ex = fail(
				TokenResponses.error(400, "invalid_request", 90002, "Tenant 'tenant-1' not found."));
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.error()).isEqualTo("invalid_request");
		assertThat(ex.errorCodes()).containsExactly(90002L);
		assertThat(entra.getAllServeEvents()).hasSize(1);
	}

	@Test
	void entraErrorThatEchoesTheSecretIsScrubbed() {
		ClientAuthenticationException ex = fail(TokenResponses.error(401, "invalid_client", 7000215,
				"Secret '" + TestCredentials.SECRET + "' is wrong."));
		assertThat(ex.getMessage()).doesNotContain(TestCredentials.SECRET);
		assertThat(ex.errorDescription()).doesNotContain(TestCredentials.SECRET);
	}

	@Test
	void errorStatusWithoutEntraBodyIsReportedWithTheStatus() {
		ClientAuthenticationException ex = fail(aResponse().withStatus(404).withBody("Not Found"));
		assertThat(ex.statusCode()).isEqualTo(404);
		assertThat(ex).hasMessageContaining("HTTP 404").hasMessageContaining("Not Found");
	}

	private AccessToken respond(ResponseDefinitionBuilder response) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(response));
		return TestCredentials.builder(entra).scheduler(this.time).build().getToken("api://a/.default").block();
	}

	private ClientAuthenticationException fail(ResponseDefinitionBuilder response) {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(response));
		ClientSecretCredential credential = TestCredentials.builder(entra).scheduler(this.time).build();
		ClientAuthenticationException ex = catchThrowableOfType(ClientAuthenticationException.class,
				() -> credential.getToken("api://a/.default").block());
		assertThat(ex).isNotNull();
		assertNoTokenOrParserTrace(ex);
		return ex;
	}

	private static void assertNoTokenOrParserTrace(Throwable ex) {
		StringWriter trace = new StringWriter();
		ex.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(ISSUED_TOKEN)
			.doesNotContain(TestCredentials.SECRET)
			.doesNotContainIgnoringCase("jackson")
			.doesNotContain("JsonParseException");
	}

}
