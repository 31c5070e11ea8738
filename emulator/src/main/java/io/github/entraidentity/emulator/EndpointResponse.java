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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One answer of an emulated endpoint: status, headers and body, written to the wire by
 * the {@link EmulatorServer}.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, empty for none
 * @author Entra Identity contributors
 */
record EndpointResponse(int status, Map<String, String> headers, byte[] body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Return a JSON answer.
	 * @param status the HTTP status
	 * @param body the body, encoded as JSON
	 * @return the answer
	 */
	static EndpointResponse json(int status, Object body) {
		return new EndpointResponse(status, new LinkedHashMap<>(), JSON.writeValueAsBytes(body))
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
	}

	/**
	 * Return a JSON answer written as text.
	 * @param status the HTTP status
	 * @param json the body
	 * @return the answer
	 */
	static EndpointResponse jsonText(int status, String json) {
		return new EndpointResponse(status, new LinkedHashMap<>(), json.getBytes(StandardCharsets.UTF_8))
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
	}

	/**
	 * Return an HTML answer, as a gateway in front of a service gives.
	 * @param status the HTTP status
	 * @param html the page
	 * @return the answer
	 */
	static EndpointResponse html(int status, String html) {
		return new EndpointResponse(status, new LinkedHashMap<>(), html.getBytes(StandardCharsets.UTF_8))
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
	}

	/**
	 * Return an answer without a body.
	 * @param status the HTTP status
	 * @return the answer
	 */
	static EndpointResponse empty(int status) {
		return new EndpointResponse(status, Map.of(), new byte[0]);
	}

	/**
	 * Return this answer with a header more.
	 * @param name the header's name
	 * @param value its value
	 * @return the answer
	 */
	EndpointResponse withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new EndpointResponse(this.status, headers, this.body);
	}

	/**
	 * Return this answer as one that must not be cached
	 * ({@code Cache-Control: no-store}), as Entra's token answers are.
	 * @return the answer
	 */
	EndpointResponse noStore() {
		return withHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
