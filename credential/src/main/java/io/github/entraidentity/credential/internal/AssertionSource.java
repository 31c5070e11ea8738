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

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where a credential that proves itself with a ready-made client assertion gets it: an
 * application's supplier, or a federated token file.
 *
 * @author Entra Identity contributors
 */
public interface AssertionSource {

	/**
	 * Return the assertion for one token request.
	 * @param audience the token endpoint the request goes to
	 * @return the assertion
	 */
	Mono<String> assertion(String audience);

	/**
	 * Return the assertion again, bypassing anything cached, after Entra rejected the one
	 * sent as expired or invalid.
	 * @param audience the token endpoint the request goes to
	 * @return the assertion, or an empty {@code Mono} when reading again cannot help
	 */
	default Mono<String> reread(String audience) {
		return Mono.empty();
	}

	/**
	 * Return the Entra error codes after which {@link #reread(String)} is worth a try.
	 * @return the codes
	 */
	default long @Nullable [] rereadAfter() {
		return null;
	}

	/**
	 * Describe where assertions come from, never an assertion.
	 * @return the description
	 */
	String description();

}
