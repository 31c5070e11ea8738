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

package io.github.entraidentity.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stand-ins for the two managed identity endpoints on {@code 127.0.0.1}, over plain http
 * as the real ones: the App Service endpoint at {@code /msi/token} (checks
 * {@code X-IDENTITY-HEADER}) and IMDS at {@code /metadata/identity/oauth2/token} (checks
 * {@code Metadata: true}). They issue opaque tokens that live a day, with
 * {@code expires_on} and {@code expires_in} as strings, and answer what a test scripts:
 * 410 for a while, 429 with {@code Retry-After}, 500, a slow answer or an unknown
 * identity. Point an app at them with {@link #appServiceEnvironment()} or
 * {@link #imdsEnvironment()} (as environment variables or Spring properties), with
 * {@link #identityProperties(EmulatedManagedIdentity)}, or in a Spring Boot test with
 * {@code @AutoConfigureEntraEmulator(managedIdentity = ...)}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class ManagedIdentityEmulator implements AutoCloseable {

	/**
	 * Path of the App Service endpoint.
	 */
	public static final String APP_SERVICE_PATH = "/msi/token";

	/**
	 * Path of IMDS.
	 */
	public static final String IMDS_PATH = "/metadata/identity/oauth2/token";

	private static final long LIFETIME_SECONDS = 86400;

	private final String identityHeader = UUID.randomUUID().toString();

	private final Deque<ManagedIdentityReply> script = new ArrayDeque<>();

	private final List<String> resources = new CopyOnWriteArrayList<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final Clock clock;

	private final EmulatorServer server;

	private @Nullable ManagedIdentityReply always;

	private @Nullable Instant goneUntil;

	private ManagedIdentityEmulator(Clock clock) {
		this.clock = clock;
		// The JDK's HTTP server, as EntraEmulator's: the test library brings no HTTP
		// library that Spring Boot would pick for the tested application
		this.server = EmulatorServer.start(this::answer, 0, null);
	}

	/**
	 * Start both endpoints on a free port.
	 * @return the running emulator
	 */
	public static ManagedIdentityEmulator start() {
		return new ManagedIdentityEmulator(Clock.systemUTC());
	}

	/**
	 * Start both endpoints on a free port, with token times and 410 windows from the
	 * given clock.
	 * @param clock the clock
	 * @return the running emulator
	 */
	public static ManagedIdentityEmulator start(Clock clock) {
		return new ManagedIdentityEmulator(Objects.requireNonNull(clock, "clock must not be null"));
	}

	/**
	 * Return the variables App Service sets, pointing at this emulator.
	 * @return {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}
	 */
	public Map<String, String> appServiceEnvironment() {
		return Map.of("IDENTITY_ENDPOINT", baseUrl() + APP_SERVICE_PATH, "IDENTITY_HEADER", this.identityHeader);
	}

	/**
	 * Return the variable that moves IMDS to this emulator.
	 * @return {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}
	 */
	public Map<String, String> imdsEnvironment() {
		return Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", baseUrl());
	}

	/**
	 * Return the properties that make the Entra identity starter's unnamed credential a
	 * managed identity served by this emulator: {@code identity.managed-identity.enabled}
	 * and the endpoint's variables, which the starter reads from the Spring environment
	 * as from the process environment.
	 * @param source which endpoint the application uses
	 * @return the properties, in a stable order
	 * @throws IllegalArgumentException for {@link EmulatedManagedIdentity#NONE}
	 */
	public Map<String, String> identityProperties(EmulatedManagedIdentity source) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("identity.managed-identity.enabled", "true");
		switch (Objects.requireNonNull(source, "source must not be null")) {
			case APP_SERVICE -> properties.putAll(new TreeMap<>(appServiceEnvironment()));
			case IMDS -> properties.putAll(imdsEnvironment());
			case NONE -> throw new IllegalArgumentException(
					"EmulatedManagedIdentity.NONE has no properties: use APP_SERVICE or IMDS");
		}
		return properties;
	}

	/**
	 * Return the base URL, such as {@code http://127.0.0.1:41234}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Answer the next requests with the given replies, in order, then as before.
	 * @param replies the replies
	 * @return this emulator
	 */
	public synchronized ManagedIdentityEmulator replyNext(ManagedIdentityReply... replies) {
		for (ManagedIdentityReply reply : replies) {
			this.script.add(Objects.requireNonNull(reply, "replies must not contain null"));
		}
		return this;
	}

	/**
	 * Answer every request without a scripted reply with the given one.
	 * @param reply the reply, {@link ManagedIdentityReply#token()} to go back to normal
	 * @return this emulator
	 */
	public synchronized ManagedIdentityEmulator replyAlways(ManagedIdentityReply reply) {
		this.always = Objects.requireNonNull(reply, "reply must not be null");
		return this;
	}

	/**
	 * Answer 410 from now until the given time has passed on the emulator's clock, as
	 * IMDS does during a host update.
	 * @param duration how long
	 * @return this emulator
	 */
	public synchronized ManagedIdentityEmulator goneFor(Duration duration) {
		this.goneUntil = this.clock.instant().plus(duration);
		return this;
	}

	/**
	 * Forget what a test scripted ({@link #replyNext replies}, a {@link #replyAlways
	 * standing reply}, a {@link #goneFor 410 window}) and the requests received, so that
	 * the next test starts from an emulator that issues tokens. Tokens issued later still
	 * differ from earlier ones.
	 * @return this emulator
	 */
	public synchronized ManagedIdentityEmulator reset() {
		this.script.clear();
		this.always = null;
		this.goneUntil = null;
		this.resources.clear();
		return this;
	}

	/**
	 * Return the resources of the requests received so far, in order.
	 * @return the resources
	 */
	public List<String> requestedResources() {
		return List.copyOf(this.resources);
	}

	private EndpointResponse answer(EmulatorServer.Request request) throws InterruptedException {
		// Leading slashes count as one: MSAL for Java (under azure-identity) joins
		// AZURE_POD_IDENTITY_AUTHORITY_HOST and the IMDS path with two, and "//metadata"
		// would otherwise be read as a host
		UriComponents uri = UriComponentsBuilder.fromUriString(request.uri().toString().replaceFirst("^/{2,}", "/"))
			.build();
		boolean appService = APP_SERVICE_PATH.equals(uri.getPath());
		if (!appService && !IMDS_PATH.equals(uri.getPath())) {
			return EndpointResponse.jsonText(404, "{\"error\":\"not_found\"}");
		}
		Map<String, List<String>> query = uri.getQueryParams();
		String resource = first(query, "resource");
		this.resources.add(String.valueOf(resource));
		if (appService ? !this.identityHeader.equals(request.header().apply("X-IDENTITY-HEADER"))
				: !"true".equals(request.header().apply("Metadata"))) {
			return EndpointResponse.jsonText(appService ? 401 : 400, appService
					? "{\"statusCode\":401,\"message\":\"X-IDENTITY-HEADER is missing or wrong\"}"
					: "{\"error\":\"invalid_request\",\"error_description\":\"Required metadata header not specified\"}");
		}
		if (resource == null || resource.isBlank()) {
			return EndpointResponse.jsonText(400,
					"{\"error\":\"invalid_request\",\"error_description\":\"resource is missing\"}");
		}
		ManagedIdentityReply reply = next();
		if (!reply.delay().isZero()) {
			Thread.sleep(reply.delay().toMillis());
		}
		if (reply.status() == 200) {
			return EndpointResponse.jsonText(200, token(resource));
		}
		EndpointResponse answer = EndpointResponse.jsonText(reply.status(), reply.body());
		return reply.retryAfter().isZero() ? answer
				: answer.withHeader("Retry-After", String.valueOf(reply.retryAfter().toSeconds()));
	}

	private synchronized ManagedIdentityReply next() {
		if (this.goneUntil != null && this.clock.instant().isBefore(this.goneUntil)) {
			return ManagedIdentityReply.gone();
		}
		ManagedIdentityReply scripted = this.script.poll();
		if (scripted != null) {
			return scripted;
		}
		return (this.always != null) ? this.always : ManagedIdentityReply.token();
	}

	private String token(String resource) {
		long now = this.clock.instant().getEpochSecond();
		return "{\"access_token\":\"managed-identity-token-" + this.issued.incrementAndGet() + "\",\"expires_on\":\""
				+ (now + LIFETIME_SECONDS) + "\",\"expires_in\":\"" + LIFETIME_SECONDS + "\",\"resource\":\""
				+ resource.replace("\"", "") + "\",\"token_type\":\"Bearer\"}";
	}

	private static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? null : URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
