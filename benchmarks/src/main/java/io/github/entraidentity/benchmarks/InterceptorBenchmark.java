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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The {@code RestClient} interceptors alone with a cached token: each call builds a
 * request as {@code RestClient} does (new headers, no attributes) and passes it through
 * the interceptor to an execution that answers {@code 200} at once, so the figures hold
 * the interceptor's own cost and allocation. {@link #baseline} is the request and the
 * execution without an interceptor.
 *
 * @author Entra Identity contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InterceptorBenchmark {

	private static final URI API = URI.create("https://localhost/api/orders");

	private static final byte[] NO_BODY = new byte[0];

	private static final ClientHttpRequestExecution OK = (request, body) -> Ok.RESPONSE;

	private @Nullable TokenEndpoint endpoint;

	private RestClientScenarios.Interceptor ours;

	private RestClientScenarios.Interceptor spring;

	/**
	 * Start the endpoint, build both interceptors and let each fetch its token.
	 * @throws IOException never: the execution answers at once
	 */
	@Setup
	public void start() throws IOException {
		TokenEndpoint endpoint = new TokenEndpoint();
		this.endpoint = endpoint;
		RestClientScenarios scenarios = new RestClientScenarios(endpoint);
		this.ours = interceptor(endpoint, scenarios, SubjectKind.OURS_SYNC);
		this.spring = interceptor(endpoint, scenarios, SubjectKind.SPRING_SECURITY);
	}

	private static RestClientScenarios.Interceptor interceptor(TokenEndpoint endpoint, RestClientScenarios scenarios,
			SubjectKind kind) throws IOException {
		String clientId = TokenEndpoint.newClientId(kind.id() + "-interceptor");
		endpoint.tokens(clientId, 3600, 0);
		RestClientScenarios.Interceptor interceptor = scenarios.interceptor(kind, clientId);
		call(interceptor.interceptor());
		return interceptor;
	}

	/**
	 * Close the interceptors' token sources and stop the endpoint.
	 */
	@TearDown
	public void stop() {
		if (this.endpoint == null) {
			return;
		}
		this.ours.close();
		this.spring.close();
		this.endpoint.close();
	}

	/**
	 * The request and the execution alone.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse baseline() throws IOException {
		return OK.execute(new Request(), NO_BODY);
	}

	/**
	 * Our {@code BearerTokenInterceptor}.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse ours() throws IOException {
		return call(this.ours.interceptor());
	}

	/**
	 * Spring Security's {@code OAuth2ClientHttpRequestInterceptor}.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse springSecurity() throws IOException {
		return call(this.spring.interceptor());
	}

	private static ClientHttpResponse call(ClientHttpRequestInterceptor interceptor) throws IOException {
		Request request = new Request();
		ClientHttpResponse response = interceptor.intercept(request, NO_BODY, OK);
		if (request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) == null) {
			throw new IllegalStateException("No token was attached");
		}
		return response;
	}

	/**
	 * A request as {@code RestClient} hands it to its interceptors.
	 */
	private static final class Request implements HttpRequest {

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, Object> attributes = new HashMap<>();

		@Override
		public HttpMethod getMethod() {
			return HttpMethod.GET;
		}

		@Override
		public URI getURI() {
			return API;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	/**
	 * An empty {@code 200} response.
	 */
	private static final class Ok implements ClientHttpResponse {

		static final Ok RESPONSE = new Ok();

		private final HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(NO_BODY);
		}

		@Override
		public void close() {
		}

	}

}
