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

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random UUIDs for request ids and assertion ids, from a DRBG seeded once. Unlike
 * {@code UUID.randomUUID()}, whose platform default generator reads {@code /dev/urandom},
 * drawing one does no file I/O: it is made on event-loop threads.
 *
 * @author Entra Identity contributors
 */
public final class RandomIds {

	private static final SecureRandom random = drbg();

	private RandomIds() {
	}

	/**
	 * Return a random (version 4) UUID.
	 * @return the UUID
	 */
	public static UUID uuid() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		long most = 0;
		long least = 0;
		for (int i = 0; i < 8; i++) {
			most = (most << 8) | (bytes[i] & 0xff);
			least = (least << 8) | (bytes[8 + i] & 0xff);
		}
		return new UUID(most, least);
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (GeneralSecurityException ex) {
			return new SecureRandom();
		}
	}

}
