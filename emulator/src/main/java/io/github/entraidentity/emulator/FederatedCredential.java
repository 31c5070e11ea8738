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

import java.util.Objects;

/**
 * A federated identity credential of the emulated app registration: tokens of this issuer
 * for this subject (such as a Kubernetes service account) may be exchanged for Entra
 * tokens, as workload identity does.
 *
 * @param issuer the issuer, such as the cluster's OIDC issuer URL
 * @param subject the subject, such as {@code system:serviceaccount:orders:orders-api}
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record FederatedCredential(String issuer, String subject) {

	/**
	 * Create a federated credential.
	 * @param issuer the issuer
	 * @param subject the subject
	 */
	public FederatedCredential {
		Objects.requireNonNull(issuer, "issuer must not be null");
		Objects.requireNonNull(subject, "subject must not be null");
	}

}
