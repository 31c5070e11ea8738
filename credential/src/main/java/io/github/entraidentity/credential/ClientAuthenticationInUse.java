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

import java.util.Objects;

import io.github.entraidentity.credential.observation.ClientAuthenticationSwitch;
import org.jspecify.annotations.Nullable;

/**
 * How a credential proves itself to Microsoft Entra ID right now, for health checks and
 * logs: the method, which of its proofs is in use and where that comes from, never the
 * proof itself (a secret, a key or an assertion).
 *
 * @param method the client authentication method, such as {@code client_secret}
 * @param position the 1-based position of the proof in use among the credential's proofs,
 * such as the second of two client secrets during a rotation's overlap
 * @param count how many proofs the credential has
 * @param source where the proof in use comes from, such as {@code configured value} or
 * {@code file /etc/secret}
 * @param rejection why Entra rejected the proof used before, or {@code null} while the
 * credential uses the first proof it was given
 * @param certificate the certificate the proof is signed with, or {@code null} when the
 * proof is not a certificate
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record ClientAuthenticationInUse(String method, int position, int count, String source,
		ClientAuthenticationSwitch.@Nullable Reason rejection, @Nullable CertificateInUse certificate) {

	/**
	 * The method of a credential that sends a client secret.
	 */
	public static final String CLIENT_SECRET = "client_secret";

	/**
	 * Create a description.
	 * @param method the client authentication method
	 * @param position the 1-based position of the proof in use
	 * @param count how many proofs the credential has
	 * @param source where the proof in use comes from
	 * @param rejection why Entra rejected the proof used before, or {@code null}
	 * @param certificate the certificate the proof is signed with, or {@code null}
	 */
	public ClientAuthenticationInUse {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(source, "source must not be null");
	}

	/**
	 * Create a description of a proof that is not a certificate.
	 * @param method the client authentication method
	 * @param position the 1-based position of the proof in use
	 * @param count how many proofs the credential has
	 * @param source where the proof in use comes from
	 * @param rejection why Entra rejected the proof used before, or {@code null}
	 */
	public ClientAuthenticationInUse(String method, int position, int count, String source,
			ClientAuthenticationSwitch.@Nullable Reason rejection) {
		this(method, position, count, source, rejection, null);
	}

	/**
	 * Return whether a fallback proof is in use: Entra rejected an earlier one.
	 * @return whether the credential fell back
	 */
	public boolean fallback() {
		return this.rejection != null;
	}

}
