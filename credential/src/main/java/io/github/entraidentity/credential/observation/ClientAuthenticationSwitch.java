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
package io.github.entraidentity.credential.observation;

import java.util.Objects;

/**
 * The credential started using another proof of its identity: the next client secret of
 * its ordered list after Entra rejected the one in use, or a new value from a source such
 * as a file. Never carries the proof.
 *
 * @param fromPosition the 1-based position of the proof used before
 * @param toPosition the 1-based position of the proof used from now on; the same as
 * {@code fromPosition} when a source delivered a new value
 * @param reason why
 * @param source where the proof now in use comes from, such as {@code file /etc/secret}
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record ClientAuthenticationSwitch(int fromPosition, int toPosition, Reason reason, String source) {

	/**
	 * Create an event.
	 * @param fromPosition the position used before
	 * @param toPosition the position used from now on
	 * @param reason why
	 * @param source where the proof now in use comes from
	 */
	public ClientAuthenticationSwitch {
		Objects.requireNonNull(reason, "reason must not be null");
		Objects.requireNonNull(source, "source must not be null");
	}

	/**
	 * Why the credential switched proofs.
	 */
	public enum Reason {

		/**
		 * Entra rejected the client secret as wrong or unknown (AADSTS7000215), for
		 * example because it was deleted.
		 */
		SECRET_INVALID("secret_invalid"),

		/**
		 * Entra rejected the client secret as expired (AADSTS7000222).
		 */
		SECRET_EXPIRED("secret_expired"),

		/**
		 * The source of the proof in use, such as a file, delivered a new value.
		 */
		SOURCE_CHANGED("source_changed");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the low-cardinality tag value, such as {@code secret_expired}.
		 * @return the tag
		 */
		public String tag() {
			return this.tag;
		}

	}

}
