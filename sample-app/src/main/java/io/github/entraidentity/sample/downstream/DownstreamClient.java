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

package io.github.entraidentity.sample.downstream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.sample.SampleProperties;
import io.github.entraidentity.sample.demo.DemoApiConfiguration;
import io.github.entraidentity.sample.emulator.EmulatorMode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the protected downstream API the way a real service would: through a
 * {@link WebClient} whose filter adds the credential's bearer token. Without a downstream
 * API it only requests a token, so the credential is exercised anyway.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class DownstreamClient {

	private static final int MAX_BODY = 500;

	private final WebClient webClient;

	private final EntraCredential credential;

	private final SampleProperties properties;

	private final Environment environment;

	private final AtomicReference<@Nullable DownstreamCall> lastCall = new AtomicReference<>();

	DownstreamClient(WebClient webClient, EntraCredential credential, SampleProperties properties,
			Environment environment) {
		this.webClient = webClient;
		this.credential = credential;
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * Call the downstream API once. Never fails: failures are described in the result.
	 * @return the result
	 */
	public Mono<DownstreamCall> call() {
		return Mono.defer(() -> {
			Instant start = Instant.now();
			String url = url();
			Mono<DownstreamCall> call = (url != null) ? exchange(url, start) : tokenOnly(start);
			return call.onErrorResume((ex) -> Mono.just(result(start, url, 0, describe(ex))))
				.doOnNext(this.lastCall::set);
		});
	}

	/**
	 * Return the most recent call, if any.
	 * @return the last call or {@code null}
	 */
	public @Nullable DownstreamCall lastCall() {
		return this.lastCall.get();
	}

	/**
	 * Return the URL the client calls.
	 * @return the URL, or {@code null} when only tokens are requested
	 */
	public @Nullable String url() {
		String configured = this.properties.downstream().url();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String port = this.environment.getProperty("local.server.port");
		if (port != null && this.environment.acceptsProfiles(Profiles.of(EmulatorMode.PROFILE))) {
			return "http://127.0.0.1:" + port + DemoApiConfiguration.GREETING_PATH;
		}
		return null;
	}

	private Mono<DownstreamCall> exchange(String url, Instant start) {
		return this.webClient.get()
			.uri(url)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> result(start, url, response.statusCode().value(),
						body.isEmpty() ? String.join(", ", response.headers().header("WWW-Authenticate")) : body)));
	}

	private Mono<DownstreamCall> tokenOnly(Instant start) {
		return this.credential.getToken(this.properties.scope())
			.map((token) -> result(start, null, 200, "Token for " + this.properties.scope() + " valid until "
					+ token.expiresOn() + " (set sample.downstream.url to call your API with it)"));
	}

	private static DownstreamCall result(Instant start, @Nullable String url, int status, String body) {
		String shortened = (body.length() > MAX_BODY) ? body.substring(0, MAX_BODY) + "..." : body;
		return new DownstreamCall(start, url, status, shortened, Duration.between(start, Instant.now()));
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
