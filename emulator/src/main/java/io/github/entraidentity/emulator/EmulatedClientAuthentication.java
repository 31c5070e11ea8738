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

/**
 * How the test's application proves itself to the emulator, and so which credential the
 * starter configures for it.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public enum EmulatedClientAuthentication {

	/**
	 * A client secret: {@code identity.client-secret}.
	 */
	CLIENT_SECRET,

	/**
	 * The emulator's client certificate: {@code identity.client-certificate.path} and
	 * {@code .password} name a copy of its PKCS#12 file.
	 */
	CLIENT_CERTIFICATE,

	/**
	 * Workload identity: {@code identity.workload-identity.enabled} with a token file
	 * holding a service-account token the emulator minted.
	 */
	WORKLOAD_IDENTITY

}
