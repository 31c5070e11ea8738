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

/**
 * How a client assertion is signed with the certificate's RSA key.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public enum AssertionSigningAlgorithm {

	/**
	 * RSASSA-PSS with SHA-256, what Microsoft Entra ID documents for client assertions.
	 */
	PS256,

	/**
	 * RSASSA-PKCS1-v1_5 with SHA-256, for authorities that do not accept PS256.
	 */
	RS256

}
