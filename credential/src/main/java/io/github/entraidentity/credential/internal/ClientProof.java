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
package io.github.entraidentity.credential.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form fields that prove a client's identity in one token request, such as
 * {@code client_secret}, or {@code client_assertion_type} and {@code client_assertion}.
 * The {@link #sensitiveValue() sensitive value} is masked in anything made from Entra's
 * answer to that request.
 *
 * @param fields the form fields in the order they are sent
 * @param sensitiveValue the value that must never appear in a message or log
 * @author Entra Identity contributors
 */
public record ClientProof(Map<String, String> fields, String sensitiveValue) {

	/**
	 * Create a proof; the fields keep their order.
	 * @param fields the form fields in the order they are sent
	 * @param sensitiveValue the value that must never appear in a message or log
	 */
	public ClientProof {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	/**
	 * Return the proof of a client secret.
	 * @param secret the secret
	 * @return the proof
	 */
	public static ClientProof clientSecret(String secret) {
		return new ClientProof(Map.of("client_secret", secret), secret);
	}

	/**
	 * Return the proof of a signed client assertion (RFC 7523).
	 * @param assertion the compact JWT
	 * @return the proof
	 */
	public static ClientProof clientAssertion(String assertion) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		fields.put("client_assertion", assertion);
		return new ClientProof(fields, assertion);
	}

	@Override
	public String toString() {
		return "ClientProof" + this.fields.keySet();
	}

}
