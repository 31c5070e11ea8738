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

import java.time.Duration;
import java.time.Instant;

/**
 * The certificate a credential signs its assertions with, for health checks and rotation
 * alerts: never its key.
 *
 * @param thumbprint the base64url SHA-256 thumbprint, as the assertions' {@code x5t#S256}
 * carries it
 * @param subject the certificate's subject
 * @param notBefore when the certificate becomes valid
 * @param notAfter when the certificate expires
 * @param rotateBy from when a rotation is due: the credential's expiry warning before
 * {@code notAfter}
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record CertificateInUse(String thumbprint, String subject, Instant notBefore, Instant notAfter,
		Instant rotateBy) {

	/**
	 * Return how long the certificate stays valid after the given instant.
	 * @param now the instant
	 * @return the time left, negative once expired
	 */
	public Duration timeLeft(Instant now) {
		return Duration.between(now, this.notAfter);
	}

	/**
	 * Return whether a rotation is due at the given instant.
	 * @param now the instant
	 * @return whether the certificate expires within the expiry warning
	 */
	public boolean rotationDue(Instant now) {
		return !now.isBefore(this.rotateBy);
	}

}
