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

import org.jspecify.annotations.Nullable;

/**
 * Which of the credential's client secrets is in use, for health checks: never the secret
 * itself.
 *
 * @param position the 1-based position of the secret in use
 * @param count how many secrets the credential has
 * @param source where the secret in use comes from, such as {@code configured value} or
 * {@code file /etc/secret}
 * @param rejection why Entra rejected the secret used before, or {@code null} while the
 * credential uses the first secret it was given
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record ClientSecretInUse(int position, int count, String source, SecretSwitch.@Nullable Reason rejection) {

	/**
	 * Return whether a fallback secret is in use: Entra rejected an earlier one.
	 * @return whether the credential fell back
	 */
	public boolean fallback() {
		return this.rejection != null;
	}

}
