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

package io.github.entraidentity.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.store.SharedToken;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM for Redis entries, and their names. An entry is a version byte, a random
 * 12-byte nonce and the ciphertext of the token, its type and instants; the entry's Redis
 * key is the associated data, so an entry copied to another key (another client, tenant
 * or scope) fails authentication like a tampered one, and so does an entry written with
 * another key.
 * <p>
 * The fleet's key is used only to derive three sub-keys (HKDF-Expand with SHA-256, the
 * key being uniformly random): one encrypts entries, one names them, one names the key
 * itself. Entry names are keyed hashes, so someone who can read Redis cannot confirm a
 * guessed client, tenant and scope; every instance with the same key derives the same
 * names.
 *
 * @author Entra Identity contributors
 */
final class RedisEntryCipher {

	static final int KEY_BYTES = 32;

	/**
	 * The longest entry read or decoded: the base64 form of a token as large as the
	 * largest response the credential accepts (64 KiB), and its other fields. Redis does
	 * not even send a longer value (see {@code RedisTokenStore}).
	 */
	static final int MAX_ENTRY_CHARS = 96 * 1024;

	// 2: sub-keys and keyed entry names; entries of version 1 live under other names
	private static final byte VERSION = 2;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int MAX_FIELD_BYTES = 64 * 1024;

	/**
	 * Nonces come from a DRBG, seeded once: unlike the platform default (which reads
	 * {@code /dev/urandom}) it does no I/O, so encrypting on an event loop never blocks
	 * it.
	 */
	private static final SecureRandom RANDOM = drbg();

	private static final String HMAC = "HmacSHA256";

	private final SecretKeySpec key;

	private final SecretKeySpec nameKey;

	private final String fingerprint;

	RedisEntryCipher(byte[] keyBytes) {
		if (keyBytes.length != KEY_BYTES) {
			throw new IllegalArgumentException(
					"has " + keyBytes.length + " bytes but must have " + KEY_BYTES + " (AES-256)");
		}
		SecretKeySpec master = new SecretKeySpec(keyBytes, HMAC);
		this.key = new SecretKeySpec(subKey(master, "entry encryption"), "AES");
		this.nameKey = new SecretKeySpec(subKey(master, "entry names"), HMAC);
		// A short name for the key, so that fleets with different keys (a rotation
		// during a rolling deploy) use different entries instead of overwriting each
		// other's
		SecretKeySpec fingerprintKey = new SecretKeySpec(subKey(master, "key fingerprint"), HMAC);
		this.fingerprint = HexFormat.of().formatHex(Arrays.copyOf(hmac(fingerprintKey, "fingerprint"), 6));
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (GeneralSecurityException ex) {
			return new SecureRandom();
		}
	}

	/**
	 * HKDF-Expand (RFC 5869) of one block: the fleet's key is already uniformly random,
	 * so it serves as the pseudorandom key without an extract step.
	 */
	private static byte[] subKey(SecretKeySpec master, String purpose) {
		return hmac(master, "entra-identity redis v2 " + purpose + "\u0001");
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * Return the name of an entry: a keyed hash of its key's text form.
	 * @param id the text form of the entry's key
	 * @return the name, URL-safe base64
	 */
	String name(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(this.nameKey, id));
	}

	String encrypt(String redisKey, SharedToken token) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(serialize(token));
			byte[] entry = new byte[1 + NONCE_BYTES + sealed.length];
			entry[0] = VERSION;
			System.arraycopy(nonce, 0, entry, 1, NONCE_BYTES);
			System.arraycopy(sealed, 0, entry, 1 + NONCE_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(entry);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * Decrypt an entry.
	 * @param redisKey the key the entry was read from
	 * @param value the entry
	 * @return the token, or {@code null} when the entry is not one this key wrote for
	 * this Redis key (tampered, moved, foreign key or garbage)
	 */
	@Nullable SharedToken decrypt(String redisKey, String value) {
		if (value.length() > MAX_ENTRY_CHARS) {
			return null;
		}
		try {
			byte[] entry = Base64.getDecoder().decode(value);
			if (entry.length <= 1 + NONCE_BYTES || entry[0] != VERSION) {
				return null;
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, entry, 1, NONCE_BYTES));
			cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(entry, 1 + NONCE_BYTES, entry.length - 1 - NONCE_BYTES);
			return deserialize(plain);
		}
		catch (GeneralSecurityException | IllegalArgumentException | IOException ex) {
			return null;
		}
	}

	private static byte[] serialize(SharedToken shared) {
		AccessToken token = shared.token();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			writeString(out, token.token());
			writeString(out, token.tokenType());
			out.writeLong(token.expiresOn().toEpochMilli());
			out.writeLong((token.refreshOn() != null) ? token.refreshOn().toEpochMilli() : Long.MIN_VALUE);
			out.writeLong(shared.refreshAt().toEpochMilli());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	private static SharedToken deserialize(byte[] plain) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
		String token = readString(in);
		String type = readString(in);
		Instant expiresOn = Instant.ofEpochMilli(in.readLong());
		long refreshOn = in.readLong();
		Instant refreshAt = Instant.ofEpochMilli(in.readLong());
		return new SharedToken(new AccessToken(token, expiresOn, type,
				(refreshOn != Long.MIN_VALUE) ? Instant.ofEpochMilli(refreshOn) : null), refreshAt);
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > MAX_FIELD_BYTES) {
			throw new IOException("Field of " + length + " bytes");
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "RedisEntryCipher[key=" + this.fingerprint + "]";
	}

}
