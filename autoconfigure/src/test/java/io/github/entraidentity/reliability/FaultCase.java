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

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.testsupport.TokenResponses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;
import static com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE;
import static com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK;
import static com.github.tomakehurst.wiremock.http.Fault.RANDOM_DATA_THEN_CLOSE;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * One row of the fault matrix: how the token endpoint (or the network) misbehaves, and
 * what the credential must do about it.
 *
 * @param name the fault
 * @param network where requests go: the endpoint, or a network failure
 * @param stub installs the endpoint's behaviour, given the current (virtual) time
 * @param expected the outcome for a caller on a cold cache, as {@link Outcomes#describe}
 * @param requests how many requests reach the endpoint for one {@code getToken}
 * @param waits the retry waits, as {@link FaultMatrixTests#describeWaits}
 */
record FaultCase(String name, Network network, BiConsumer<WireMockExtension, Instant> stub, String expected,
		int requests, String waits) {

	static final String CACHED_TOKEN = "cached-token";

	static final String FRESH_TOKEN = "fresh-token";

	/**
	 * Every token the endpoint hands out in the matrix (the large one by its prefix).
	 */
	static final List<String> ISSUED_TOKENS = List.of("cached-token", "fresh-token", "unusable-token", "late-token",
			"unreachable-token", "big-token-");

	static final String TOKEN_PATH = TestCredentials.TOKEN_PATH;

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private static final String FRESH = "token " + FRESH_TOKEN;

	private static final String BACKOFF_3 = "backoff, backoff, backoff";

	private static final String NONE = "none";

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * Where the credential's requests go during the fault.
	 */
	enum Network {

		/** The WireMock endpoint, behaving as stubbed. */
		ENDPOINT,

		/** A server whose certificate the client does not trust. */
		UNTRUSTED_CERTIFICATE,

		/** A host name that never resolves. */
		UNRESOLVABLE_HOST,

		/** The endpoint, which answers later than the response timeout. */
		SLOW_ENDPOINT

	}

	static List<FaultCase> all() {
		List<FaultCase> faults = new ArrayList<>();
		faults.add(endpoint("503 then 200", (entra, now) -> sequence(entra, aResponse().withStatus(503)), FRESH, 2,
				"backoff"));
		faults.add(endpoint("503 until the retries run out", (entra, now) -> always(entra,
				aResponse().withStatus(503).withHeader("Content-Type", "text/plain").withBody("Service Unavailable")),
				"TokenTransportException(kind=HTTP_STATUS, status=503)", 4, BACKOFF_3));
		faults.add(endpoint("429 with Retry-After: 7 (seconds), then 200",
				(entra, now) -> sequence(entra, aResponse().withStatus(429).withHeader("Retry-After", "7")), FRESH, 2,
				"7000 ms"));
		faults.add(endpoint("429 with Retry-After as an HTTP-date 5 s ahead, then 200",
				(entra, now) -> sequence(entra,
						aResponse().withStatus(429).withHeader("Retry-After", HTTP_DATE.format(now.plusSeconds(5)))),
				FRESH, 2, "5000 ms"));
		faults.add(endpoint("429 with retry-after-ms: 1500, then 200",
				(entra, now) -> sequence(entra, aResponse().withStatus(429).withHeader("retry-after-ms", "1500")),
				FRESH, 2, "1500 ms"));
		faults.add(endpoint("429 with Retry-After: 86400 (a day), then 200",
				(entra, now) -> sequence(entra, aResponse().withStatus(429).withHeader("Retry-After", "86400")), FRESH,
				2, "30000 ms (capped by maxRetryAfter)"));
		faults.add(endpoint("connection reset by peer",
				(entra, now) -> always(entra, aResponse().withFault(CONNECTION_RESET_BY_PEER)),
				"TokenTransportException(kind=CONNECTION, status=0)", 4, BACKOFF_3));
		faults.add(endpoint("empty response (connection closed, no bytes)",
				(entra, now) -> always(entra, aResponse().withFault(EMPTY_RESPONSE)),
				"TokenTransportException(kind=CONNECTION, status=0)", 4, BACKOFF_3));
		faults.add(endpoint("malformed chunked response",
				(entra, now) -> always(entra, aResponse().withFault(MALFORMED_RESPONSE_CHUNK)),
				"TokenTransportException(kind=CONNECTION, status=0)", 4, BACKOFF_3));
		faults.add(endpoint("random data, then close",
				(entra, now) -> always(entra, aResponse().withFault(RANDOM_DATA_THEN_CLOSE)),
				"TokenTransportException(kind=CONNECTION, status=0)", 4, BACKOFF_3));
		faults.add(new FaultCase("response slower than the response timeout", Network.SLOW_ENDPOINT,
				(entra, now) -> always(entra, TokenResponses.token("late-token", 3600).withFixedDelay(3000)),
				"TokenTransportException(kind=TIMEOUT, status=0)", 4, BACKOFF_3));
		faults.add(new FaultCase("TLS handshake failure (untrusted certificate)", Network.UNTRUSTED_CERTIFICATE,
				(entra, now) -> always(entra, TokenResponses.token("unreachable-token", 3600)),
				"TokenTransportException(kind=TLS, status=0)", 0, NONE));
		faults.add(new FaultCase(
				"DNS failure (nonexistent.invalid; a local test resolver answers, no query leaves the machine)",
				Network.UNRESOLVABLE_HOST,
				(entra, now) -> always(entra, TokenResponses.token("unreachable-token", 3600)),
				"TokenTransportException(kind=UNKNOWN_HOST, status=0)", 0, BACKOFF_3));
		faults.add(
				endpoint("HTML 502 from a proxy",
						(entra, now) -> always(entra, aResponse().withStatus(502)
							.withHeader("Content-Type", "text/html")
							.withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad"
									+ " Gateway</h1></center><hr><center>nginx</center></body></html>")),
						"TokenTransportException(kind=HTTP_STATUS, status=502)", 4, BACKOFF_3));
		faults.add(endpoint("HTML 502 from a proxy that echoes the request form and the form-encoded secret",
				(entra, now) -> always(entra, aResponse().withStatus(502)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>502 Bad Gateway</h1><p>Request: {{{request.body}}}</p><p>Rejected"
							+ " value {{regexExtract request.body 'client_secret=([^&]*)' 'parts'}}{{{parts.0}}}</p>"
							+ "</body></html>")
					.withTransformers("response-template")),
				"TokenTransportException(kind=HTTP_STATUS, status=502)", 4, BACKOFF_3));
		faults.add(unusable("200 with an HTML body",
				aResponse().withStatus(200)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body>Sign in to continue</body></html>")));
		faults.add(unusable("200 with expires_in missing",
				json("{\"token_type\":\"Bearer\",\"access_token\":\"unusable-token\"}")));
		faults.add(unusable("200 with expires_in 0", tokenWithExpiresIn("0")));
		faults.add(unusable("200 with expires_in negative (-60)", tokenWithExpiresIn("-60")));
		faults.add(unusable("200 with expires_in not a number (\"soon\")", tokenWithExpiresIn("\"soon\"")));
		faults.add(unusable("200 with expires_in absurdly large (10^12 s)", tokenWithExpiresIn("1000000000000")));
		faults.add(unusable("200 with a body larger than the 64 KiB cap",
				json("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"big-token-"
						+ "x".repeat(100 * 1024) + "\"}")));
		faults.add(entra("Entra invalid_client (AADSTS7000215, wrong secret)", 401, "invalid_client", 7000215,
				"Invalid client secret provided."));
		faults.add(entra("Entra expired secret (AADSTS7000222)", 401, "invalid_client", 7000222,
				"The provided client secret keys for app 'x' are expired."));
		faults.add(entra("Entra unauthorized_client (AADSTS700016)", 400, "unauthorized_client", 700016,
				"Application with identifier 'x' was not found in the directory."));
		faults.add(entra("Entra invalid_scope (AADSTS70011)", 400, "invalid_scope", 70011,
				"The provided value for the input parameter 'scope' is not valid."));
		faults.add(entra("Entra unknown tenant (AADSTS90002)", 400, "invalid_request", 90002, "Tenant 'x' not found."));
		faults.add(entra("Entra throttled, request loop (AADSTS50196)", 400, "invalid_grant", 50196,
				"The server terminated an operation because it encountered a client request loop."));
		return faults;
	}

	private static FaultCase endpoint(String name, BiConsumer<WireMockExtension, Instant> stub, String expected,
			int requests, String waits) {
		return new FaultCase(name, Network.ENDPOINT, stub, expected, requests, waits);
	}

	private static FaultCase unusable(String name, ResponseDefinitionBuilder response) {
		return endpoint(name, (entra, now) -> always(entra, response),
				"ClientAuthenticationException(status=200, error=null, codes=[])", 1, NONE);
	}

	private static FaultCase entra(String name, int status, String error, long code, String description) {
		return endpoint(name, (entra, now) -> always(entra, TokenResponses.error(status, error, code, description)),
				"ClientAuthenticationException(status=" + status + ", error=" + error + ", codes=[" + code + "])", 1,
				NONE);
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static ResponseDefinitionBuilder tokenWithExpiresIn(String expiresIn) {
		return json("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"access_token\":\"unusable-token\"}");
	}

	private static MappingBuilder tokenRequest() {
		return post(urlPathMatching(TOKEN_PATH));
	}

	private static void always(WireMockExtension entra, ResponseDefinitionBuilder response) {
		entra.stubFor(tokenRequest().willReturn(response));
	}

	private static void sequence(WireMockExtension entra, ResponseDefinitionBuilder first) {
		entra.stubFor(tokenRequest().inScenario("fault")
			.whenScenarioStateIs(STARTED)
			.willReturn(first)
			.willSetStateTo("recovered"));
		entra.stubFor(tokenRequest().inScenario("fault")
			.whenScenarioStateIs("recovered")
			.willReturn(TokenResponses.token(FRESH_TOKEN, 3600)));
	}

}
