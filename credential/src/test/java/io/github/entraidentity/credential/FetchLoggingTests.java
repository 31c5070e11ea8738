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

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The credential logs each fetch once: success at INFO, failure at WARN, both under the
 * {@link ClientSecretCredential} category so that one logging setting or filter sees
 * both.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class FetchLoggingTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final Logger logger = (Logger) LoggerFactory.getLogger(ClientSecretCredential.class.getPackageName());

	private static final String CREDENTIAL_CATEGORY = ClientSecretCredential.class.getName();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private Level savedLevel;

	@BeforeEach
	void captureCredentialLogging() {
		this.savedLevel = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.events.start();
		this.logger.addAppender(this.events);
	}

	@AfterEach
	void restoreLogging() {
		this.logger.detachAppender(this.events);
		this.logger.setLevel(this.savedLevel);
	}

	@Test
	void successIsLoggedOncePerFetchAtInfo() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).willReturn(TokenResponses.token("tok-1", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("api://a/.default").block();
		credential.getToken("api://a/.default").block();
		List<ILoggingEvent> fetches = this.events.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.toList();
		assertThat(fetches).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getLoggerName()).isEqualTo(CREDENTIAL_CATEGORY);
			assertThat(event.getFormattedMessage()).contains("tenant-1")
				.contains("api://a/.default")
				.doesNotContain("tok-1");
		});
	}

	@Test
	void everyCallForAnotherTenantIsLoggedAtDebugAlsoWhenItsTokenIsCached() {
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("tenant-2"))
			.build();
		TokenRequestContext context = TokenRequestContext.of("api://a/.default");
		for (int i = 0; i < 3; i++) {
			credential.getToken(context.withTenantId("tenant-2")).block();
			credential.getTokenSync(context.withTenantId("tenant-2"));
			// equal to the configured tenant, but another instance
			credential.getTokenSync(context.withTenantId(new String("tenant-1")));
			credential.getTokenSync(context);
		}
		assertThat(this.events.list).filteredOn((event) -> event.getLevel() == Level.DEBUG)
			.extracting(ILoggingEvent::getFormattedMessage)
			.filteredOn((message) -> message.startsWith("Requesting a token for tenant"))
			.hasSize(6)
			.allSatisfy((message) -> assertThat(message).contains("tenant tenant-2 instead of"));
	}

	@Test
	void callsForAnotherTenantLogOnlyTheFetchAtInfo() {
		// A multi-tenant application asks for another tenant on every call
		entra.stubFor(post(urlEqualTo("/tenant-2/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok-2", 3600)));
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("tenant-2"))
			.build();
		TokenRequestContext context = TokenRequestContext.of("api://a/.default").withTenantId("tenant-2");
		for (int i = 0; i < 3; i++) {
			credential.getToken(context).block();
			credential.getTokenSync(context);
		}
		assertThat(this.events.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("tenant-2"));
	}

	@Test
	void failureIsLoggedAtWarn() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH))
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		catchThrowable(() -> credential.getToken("api://a/.default").block());
		assertThat(this.events.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getLoggerName()).isEqualTo(CREDENTIAL_CATEGORY);
				assertThat(event.getFormattedMessage()).contains("invalid_client")
					.contains("AADSTS7000215")
					.doesNotContain(TestCredentials.SECRET);
			});
	}

	@Test
	void successAndFailureShareOneCategory() {
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("secret rotated")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(TokenResponses.token("tok-1", 3600))
			.willSetStateTo("rotated"));
		entra.stubFor(post(urlEqualTo(TestCredentials.TOKEN_PATH)).inScenario("secret rotated")
			.whenScenarioStateIs("rotated")
			.willReturn(TokenResponses.error(401, "invalid_client", 7000215, "Invalid client secret provided.")));
		ClientSecretCredential credential = TestCredentials.builder(entra).build();
		credential.getToken("api://a/.default").block();
		catchThrowable(() -> credential.getToken("api://b/.default").block());
		assertThat(this.events.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.extracting(ILoggingEvent::getLevel, ILoggingEvent::getLoggerName)
			.containsExactly(tuple(Level.INFO, CREDENTIAL_CATEGORY), tuple(Level.WARN, CREDENTIAL_CATEGORY));
	}

}
