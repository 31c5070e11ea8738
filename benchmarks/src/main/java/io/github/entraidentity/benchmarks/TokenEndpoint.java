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

package io.github.entraidentity.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.entraidentity.testsupport.TestTls;
import org.jspecify.annotations.Nullable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The shared token endpoint: WireMock over HTTPS on loopback. Each subject instance uses
 * its own client id, so the endpoint can count requests per subject, answer each with its
 * own token lifetime, delay and faults, and hand out numbered tokens whose issue time is
 * recorded (to tell which calls waited for a fetch).
 *
 * @author Entra Identity contributors
 */
final class TokenEndpoint implements AutoCloseable {

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	static final String SCOPE = "https://graph.microsoft.com/.default";

	static final String SECRET = "benchmark-secret";

	private static final String TOKEN_PATH = "/[^/]+/oauth2/v2\\.0/token";

	private static final String TOKEN_PLACEHOLDER = "@TOKEN@";

	private static final Pattern CLIENT_ID = Pattern.compile("(?:^|&)client_id=([^&]+)");

	/**
	 * MSAL (under azure-identity) stores tokens under the authority's host name and looks
	 * them up under host and port, so with any port but the default it never finds a
	 * cached token.
	 */
	private static final int PREFERRED_PORT = 443;

	private static final AtomicInteger ids = new AtomicInteger();

	private final WireMockServer server;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, Lifetime> lifetimes = new ConcurrentHashMap<>();

	private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();

	private final Map<String, List<IssuedToken>> issuedByClient = new ConcurrentHashMap<>();

	private final Set<String> unrecordedClients = ConcurrentHashMap.newKeySet();

	private final AtomicLong sequence = new AtomicLong();

	TokenEndpoint() {
		WireMockServer server;
		try {
			server = start(PREFERRED_PORT);
		}
		catch (RuntimeException ex) {
			System.err.println("Cannot listen on port " + PREFERRED_PORT + " (" + ex.getMessage()
					+ "); using a dynamic port, so azure-identity will not cache tokens (MSAL keys its cache by host"
					+ " without the port)");
			server = start(0);
		}
		this.server = server;
	}

	/**
	 * Make the endpoint's certificate trusted by the JVM's default trust store, so that
	 * libraries built without an HTTP client of the caller's reach it over HTTPS as they
	 * would reach Entra. Must run before anything creates the default SSL context.
	 */
	static void trustByDefault() {
		System.setProperty("javax.net.ssl.trustStore", TestTls.keystore().toString());
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
		System.setProperty("javax.net.ssl.trustStorePassword", TestTls.PASSWORD);
	}

	private WireMockServer start(int port) {
		WireMockServer server = new WireMockServer(TestTls.httpsConfig(TestTls.keystore())
			.bindAddress("127.0.0.1")
			.httpDisabled(true)
			.httpsPort(port)
			.containerThreads(64)
			.asynchronousResponseEnabled(true)
			.asynchronousResponseThreads(16)
			.disableRequestJournal()
			.extensions(new RequestCounter(), new TokenNumbering()));
		server.start();
		return server;
	}

	/**
	 * Whether the endpoint listens on the default HTTPS port, which azure-identity needs
	 * to cache tokens at all.
	 * @return whether it does
	 */
	boolean onDefaultPort() {
		return this.server.httpsPort() == PREFERRED_PORT;
	}

	/**
	 * Return the authority, {@code https://localhost:<port>}.
	 * @return the base URL
	 */
	String authority() {
		return onDefaultPort() ? "https://localhost" : "https://localhost:" + this.server.httpsPort();
	}

	/**
	 * Return the token URL of the benchmark tenant.
	 * @return the URL
	 */
	String tokenUri() {
		return authority() + "/" + TENANT + "/oauth2/v2.0/token";
	}

	/**
	 * Return a client id nothing else uses.
	 * @param subject the subject's short name
	 * @return the id
	 */
	static String newClientId(String subject) {
		return subject + "-" + ids.incrementAndGet();
	}

	/**
	 * Answer the client's token requests with numbered tokens.
	 * @param clientId the client id
	 * @param expiresInSeconds {@code expires_in} of each token
	 * @param delayMillis how long the endpoint waits before answering
	 */
	void tokens(String clientId, long expiresInSeconds, int delayMillis) {
		this.lifetimes.put(clientId, new Lifetime(expiresInSeconds, delayMillis));
		this.server.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(forClient(clientId))
			.willReturn(tokenResponse(expiresInSeconds).withFixedDelay(delayMillis)));
	}

	/**
	 * Answer the client's token requests with numbered tokens that the endpoint does not
	 * record: for clients that fetch so many tokens (one per tenant) that the record
	 * would cost time and distort heap figures.
	 * @param clientId the client id
	 */
	void unrecordedTokens(String clientId) {
		this.unrecordedClients.add(clientId);
		tokens(clientId, 3600, 0);
	}

	/**
	 * Serve a protected API that answers any request carrying a bearer token, for the
	 * {@code RestClient} scenarios.
	 * @param path the API's path
	 * @return the API's URL
	 */
	String protectedApi(String path) {
		this.server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", matching("Bearer .+"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
		return authority() + path;
	}

	/**
	 * Answer the client's token requests with a fault first, then with tokens.
	 * @param clientId the client id
	 * @param fault the fault
	 */
	void faultThenTokens(String clientId, FaultKind fault) {
		this.lifetimes.put(clientId, new Lifetime(3600, 0));
		String scenario = clientId;
		String state = Scenario.STARTED;
		List<ResponseDefinitionBuilder> faults = switch (fault) {
			case UNAVAILABLE_TWICE -> List.of(unavailable(), unavailable());
			case THROTTLED -> List.of(aResponse().withStatus(429)
				.withHeader("Retry-After", "1")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS50196: throttled\"}"));
			case CONNECTION_RESET -> List.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		};
		for (int i = 0; i < faults.size(); i++) {
			String next = "after-" + (i + 1);
			this.server.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(forClient(clientId))
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willSetStateTo(next)
				.willReturn(faults.get(i)));
			state = next;
		}
		this.server.stubFor(post(urlPathMatching(TOKEN_PATH)).withRequestBody(forClient(clientId))
			.inScenario(scenario)
			.whenScenarioStateIs(state)
			.willReturn(tokenResponse(3600)));
	}

	/**
	 * Return how many token requests the client sent.
	 * @param clientId the client id
	 * @return the count
	 */
	int requests(String clientId) {
		AtomicInteger count = this.requests.get(clientId);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Return how many token requests clients whose id starts with a prefix sent.
	 * @param prefix the prefix
	 * @return the count
	 */
	int requestsStartingWith(String prefix) {
		return this.requests.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToInt((entry) -> entry.getValue().get())
			.sum();
	}

	/**
	 * Return the record of an issued token.
	 * @param token the token value
	 * @return the record, or {@code null} if the endpoint never issued it
	 */
	@Nullable IssuedToken issued(String token) {
		return this.issued.get(token);
	}

	/**
	 * Whether the client had a token at the given instant that had reached it and had not
	 * expired, other than the given one.
	 * @param clientId the client id
	 * @param nanoTime the instant ({@link System#nanoTime()})
	 * @param other the token to ignore
	 * @return whether such a token existed
	 */
	boolean hadValidToken(String clientId, long nanoTime, String other) {
		for (IssuedToken token : this.issuedByClient.getOrDefault(clientId, List.of())) {
			if (!token.value().equals(other) && token.availableAtNanos() <= nanoTime
					&& nanoTime < token.expiresAtNanos()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static StringValuePattern forClient(String clientId) {
		return matching("(.*&)?client_id=" + Pattern.quote(clientId) + "(&.*)?");
	}

	private static ResponseDefinitionBuilder tokenResponse(long expiresInSeconds) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds + ",\"ext_expires_in\":"
					+ expiresInSeconds + ",\"access_token\":\"" + TOKEN_PLACEHOLDER + "\"}");
	}

	private static ResponseDefinitionBuilder unavailable() {
		return aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS90033: unavailable\"}");
	}

	private static @Nullable String clientId(ServeEvent event) {
		Matcher matcher = CLIENT_ID.matcher(event.getRequest().getBodyAsString());
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * The fault a scenario starts with.
	 */
	enum FaultKind {

		/**
		 * 503, 503, then a token.
		 */
		UNAVAILABLE_TWICE,

		/**
		 * 429 with {@code Retry-After: 1}, then a token.
		 */
		THROTTLED,

		/**
		 * The connection is reset, then a token.
		 */
		CONNECTION_RESET

	}

	/**
	 * A token the endpoint issued.
	 *
	 * @param value the token
	 * @param clientId the client it was issued to
	 * @param availableAtNanos when the response could first reach the client
	 * @param expiresAtNanos when the token expires
	 */
	record IssuedToken(String value, String clientId, long availableAtNanos, long expiresAtNanos) {

	}

	private record Lifetime(long expiresInSeconds, int delayMillis) {

	}

	/**
	 * Counts every request that reaches the endpoint, faults included.
	 */
	private final class RequestCounter implements ServeEventListener {

		@Override
		public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
			String clientId = clientId(serveEvent);
			if (clientId != null) {
				TokenEndpoint.this.requests.computeIfAbsent(clientId, (id) -> new AtomicInteger()).incrementAndGet();
			}
		}

		@Override
		public String getName() {
			return "request-counter";
		}

	}

	/**
	 * Replaces the token placeholder with a numbered token and records when it was
	 * issued.
	 */
	private final class TokenNumbering implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			ResponseDefinition response = serveEvent.getResponseDefinition();
			String body = response.getBody();
			String clientId = clientId(serveEvent);
			if (body == null || clientId == null || !body.contains(TOKEN_PLACEHOLDER)) {
				return response;
			}
			long now = System.nanoTime();
			Lifetime lifetime = TokenEndpoint.this.lifetimes.getOrDefault(clientId, new Lifetime(3600, 0));
			String token = clientId + "." + TokenEndpoint.this.sequence.incrementAndGet();
			if (TokenEndpoint.this.unrecordedClients.contains(clientId)) {
				return ResponseDefinitionBuilder.like(response)
					.but()
					.withBody(body.replace(TOKEN_PLACEHOLDER, token))
					.build();
			}
			IssuedToken record = new IssuedToken(token, clientId,
					now + TimeUnit.MILLISECONDS.toNanos(lifetime.delayMillis()),
					now + TimeUnit.SECONDS.toNanos(lifetime.expiresInSeconds()));
			TokenEndpoint.this.issued.put(token, record);
			TokenEndpoint.this.issuedByClient.computeIfAbsent(clientId, (id) -> new CopyOnWriteArrayList<>())
				.add(record);
			return ResponseDefinitionBuilder.like(response)
				.but()
				.withBody(body.replace(TOKEN_PLACEHOLDER, token))
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return true;
		}

		@Override
		public String getName() {
			return "token-numbering";
		}

	}

}
