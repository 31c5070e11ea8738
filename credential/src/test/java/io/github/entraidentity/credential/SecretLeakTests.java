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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import io.netty.handler.logging.LogLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.logging.AdvancedByteBufFormat;

import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither the client secret nor an issued token appears in a log line, an exception or a
 * {@code toString()}, with every logger at TRACE and Spring's request-detail logging on.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
@Timeout(30)
class SecretLeakTests {

	private static final String TOKEN = "leaky-token-0123456789abcdef";

	private static final String JWT = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJsZWFreSJ9.bGVha3lzaWduYXR1cmU";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Map<String, Level> savedLevels = new HashMap<>();

	private final List<Appender<ILoggingEvent>> detachedAppenders = new ArrayList<>();

	private final List<Object> exposed = new ArrayList<>();

	@BeforeEach
	void logEverythingAtTrace() {
		for (Logger logger : this.logging.getLoggerList()) {
			this.savedLevels.put(logger.getName(), logger.getLevel());
			logger.setLevel(Level.TRACE);
		}
		Logger root = this.logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.TRACE);
		// keep the console readable: every event still reaches the list appender
		for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
			this.detachedAppenders.add(it.next());
		}
		this.detachedAppenders.forEach(root::detachAppender);
		this.events.start();
		root.addAppender(this.events);
	}

	@AfterEach
	void restoreLogging() {
		Logger root = this.logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this.events);
		this.detachedAppenders.forEach(root::addAppender);
		for (Logger logger : this.logging.getLoggerList()) {
			logger.setLevel(this.savedLevels.get(logger.getName()));
		}
	}

	@Test
	void callersWebClientWithRequestDetailLoggingLeaksNothing(LogCapture output) {
		ClientSecretCredential.Builder builder = TestCredentials.builder(entra)
			.webClient(requestDetailLoggingWebClient())
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1));
		runAllScenarios(builder, entra.getRuntimeInfo().getHttpsBaseUrl());
		assertNothingLeaked(output);
		// the test is only meaningful if the HTTP layers really logged at this detail
		assertThat(capturedEvents()).contains("x-ms-client-request-id")
			.contains("ExchangeFunctions")
			.contains("reactor.netty");
	}

	@Test
	void callersWebClientWithWiretapLeaksNothing(LogCapture output) {
		ClientSecretCredential.Builder builder = TestCredentials.builder(entra)
			.webClient(wiretapWebClient())
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1));
		runAllScenarios(builder, entra.getRuntimeInfo().getHttpsBaseUrl());
		assertNothingLeaked(output);
		assertThat(capturedEvents()).contains("Removed the wiretap");
	}

	@Test
	void ownedWebClientLeaksNothing(LogCapture output) {
		ClientSecretCredential.Builder builder = TestCredentials.builder()
			.retryDelay(Duration.ofMillis(1))
			.maxRetryDelay(Duration.ofMillis(1));
		runAllScenarios(builder, entra.getRuntimeInfo().getHttpBaseUrl());
		assertNothingLeaked(output);
		assertThat(capturedEvents()).contains("reactor.netty");
	}

	private void runAllScenarios(ClientSecretCredential.Builder builder, String authority) {
		builder.authority(authority);
		this.exposed.add(builder);
		scenario(builder, TokenResponses.token(TOKEN, 3600));
		scenario(builder, TokenResponses.token(JWT, 3600));
		scenario(builder, TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided."));
		scenario(builder, TokenResponses.error(400, "invalid_request", 900144,
				"The request body must contain client_secret '" + TestCredentials.SECRET + "'."));
		scenario(builder, okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\"}"));
		scenario(builder, okJson("{\"access_token\":\"" + JWT + "\",\"expires_in\":-1}"));
		scenario(builder, aResponse().withStatus(200).withBody("<html>token " + JWT + " for you</html>"));
		scenario(builder, okJson("{\"access_token\":\"" + TOKEN + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}"));
		scenario(builder, aResponse().withStatus(503).withBody("{\"access_token\":\"" + TOKEN + "\"}"));
		// A proxy or WAF error page that echoes the form: the secret arrives form-encoded
		scenario(builder,
				aResponse().withStatus(502)
					.withBody("<html>Bad Gateway. Request: {{{request.body}}}. Value {{regexExtract request.body"
							+ " 'client_secret=([^&]*)' 'parts'}}{{{parts.0}}}</html>")
					.withTransformers("response-template"));
		scenario(builder, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		retryScenario(builder);
		claimsScenario(builder);
	}

	private void scenario(ClientSecretCredential.Builder builder, ResponseDefinitionBuilder response) {
		entra.resetAll();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(response));
		ClientSecretCredential credential = builder.build();
		request(credential, () -> credential.getToken("api://a/.default").block(Duration.ofSeconds(20)));
		credential.close();
	}

	private void retryScenario(ClientSecretCredential.Builder builder) {
		entra.resetAll();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
			.willSetStateTo("ok"));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(TokenResponses.token(TOKEN, 3600)));
		ClientSecretCredential credential = builder.build();
		AccessToken token = request(credential,
				() -> credential.getToken("api://a/.default").block(Duration.ofSeconds(20)));
		assertThat(token).isNotNull();
		assertThat(entra.getAllServeEvents()).hasSize(2);
		request(credential, () -> credential.getToken("api://a/.default").block(Duration.ofSeconds(20)));
		this.exposed.add(credential.cachedTokens());
		credential.close();
	}

	private void claimsScenario(ClientSecretCredential.Builder builder) {
		entra.resetAll();
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token(TOKEN, 3600)));
		ClientSecretCredential credential = builder.build();
		request(credential,
				() -> credential
					.getToken(TokenRequestContext.of("api://a/.default")
						.withCaeEnabled(true)
						.withClaims("{\"access_token\":{\"nbf\":{\"essential\":true}}}"))
					.block(Duration.ofSeconds(20)));
		credential.close();
	}

	private AccessToken request(ClientSecretCredential credential, Supplier<AccessToken> call) {
		this.exposed.add(credential);
		try {
			AccessToken token = call.get();
			this.exposed.add(token);
			return token;
		}
		catch (RuntimeException ex) {
			this.exposed.add(ex);
			return null;
		}
	}

	private void assertNothingLeaked(LogCapture output) {
		StringBuilder everything = new StringBuilder(capturedEvents()).append(output.text());
		for (Object object : this.exposed) {
			everything.append(object).append('\n');
			if (object instanceof Throwable ex) {
				StringWriter trace = new StringWriter();
				ex.printStackTrace(new PrintWriter(trace));
				everything.append(trace);
			}
		}
		assertThat(this.exposed).anySatisfy((object) -> assertThat(object).isInstanceOf(AccessToken.class))
			.anySatisfy((object) -> assertThat(object).isInstanceOf(ClientAuthenticationException.class))
			.anySatisfy((object) -> assertThat(object).isInstanceOf(TokenTransportException.class));
		String text = everything.toString();
		assertThat(text).doesNotContain(TestCredentials.SECRET)
			.doesNotContain(URLEncoder.encode(TestCredentials.SECRET, StandardCharsets.UTF_8))
			.doesNotContain(TOKEN)
			.doesNotContain(JWT);
	}

	private String capturedEvents() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : List.copyOf(this.events.list)) {
			if (isServerSide(event.getLoggerName())) {
				continue;
			}
			text.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(' ')
				.append(event.getFormattedMessage())
				.append('\n');
			if (event.getThrowableProxy() != null) {
				text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		return text.toString();
	}

	/**
	 * WireMock (the fake Entra) runs in this JVM and may log what it received; only the
	 * client side is under test.
	 * @param loggerName the logger name
	 * @return whether the logger belongs to the test server
	 */
	private static boolean isServerSide(String loggerName) {
		String lower = loggerName.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("wiremock") || lower.contains("tomakehurst") || lower.contains("jetty");
	}

	private static WebClient wiretapWebClient() {
		return TestTls.webClient(HttpClient.create()
			.wiretap("reactor.netty.http.client.HttpClient", LogLevel.TRACE, AdvancedByteBufFormat.TEXTUAL));
	}

	private static WebClient requestDetailLoggingWebClient() {
		return TestTls.webClient()
			.mutate()
			.exchangeStrategies(ExchangeStrategies.builder()
				.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true))
				.build())
			.build();
	}

}
