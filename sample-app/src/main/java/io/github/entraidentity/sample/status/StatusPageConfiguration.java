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

package io.github.entraidentity.sample.status;

import java.time.Clock;

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.sample.credential.RecentFetches;
import io.github.entraidentity.sample.downstream.DownstreamClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes of the status page, {@code GET /}, and of {@code GET /call-api}, which calls the
 * downstream API on request.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class StatusPageConfiguration {

	private static final Log logger = LogFactory.getLog(StatusPageConfiguration.class);

	@Bean
	StatusPage statusPage(EntraCredential credential, RecentFetches recentFetches, DownstreamClient downstreamClient,
			ObjectProvider<EntraEmulator> entraEmulator) {
		return new StatusPage(credential, recentFetches, downstreamClient, entraEmulator.getIfAvailable(),
				Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> statusPageRoutes(StatusPage statusPage, DownstreamClient downstreamClient) {
		return RouterFunctions.route()
			.GET("/",
					(request) -> ServerResponse.ok()
						.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
						.bodyValue(statusPage.render()))
			.GET("/call-api", (request) -> downstreamClient.call()
				.flatMap((call) -> ServerResponse.status(call.succeeded() ? HttpStatus.OK : HttpStatus.BAD_GATEWAY)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(call)))
			.build();
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> statusPageAnnouncement() {
		return (event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
			if (port != null) {
				logger.info("Status page: http://localhost:" + port + "/");
			}
		};
	}

}
