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

/**
 * The libraries under test, in the order of the result table's columns.
 *
 * @author Entra Identity contributors
 */
enum SubjectKind {

	/**
	 * Our {@code ClientSecretCredential.getToken}.
	 */
	OURS("ours", "Ours (`getToken`)"),

	/**
	 * Our {@code ClientSecretCredential.getTokenSync}, and our
	 * {@code BearerTokenInterceptor} on {@code RestClient}.
	 */
	OURS_SYNC("ours-sync", "Ours (`getTokenSync`, `BearerTokenInterceptor`)"),

	/**
	 * azure-identity {@code ClientSecretCredential.getToken} (async).
	 */
	AZURE_ASYNC("azure-async", "azure-identity async"),

	/**
	 * azure-identity {@code ClientSecretCredential.getTokenSync}.
	 */
	AZURE_SYNC("azure-sync", "azure-identity sync"),

	/**
	 * Spring Security's reactive client-credentials manager, and its
	 * {@code OAuth2ClientHttpRequestInterceptor} on {@code RestClient}.
	 */
	SPRING_SECURITY("spring", "Spring Security"),

	/**
	 * A bare WebClient POST (the cost of one round trip).
	 */
	WEBCLIENT_FLOOR("webclient", "floor: bare WebClient POST"),

	/**
	 * A {@code ConcurrentHashMap} lookup returning {@code Mono.just} (a perfect cache
	 * hit).
	 */
	MAP_FLOOR("map", "floor: CHM + `Mono.just`");

	private final String id;

	private final String title;

	SubjectKind(String id, String title) {
		this.id = id;
		this.title = title;
	}

	String id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

}
