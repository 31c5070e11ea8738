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

import reactor.core.publisher.Mono;

/**
 * Stands for a credential type this library adds later (such as a managed identity): a
 * class of the library's credential package, named {@code <Type>Credential}.
 *
 * @author Entra Identity contributors
 */
public final class NewKindCredential implements EntraCredential {

	@Override
	public Mono<AccessToken> getToken(TokenRequestContext context) {
		return Mono.empty();
	}

}
