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
import java.security.MessageDigest;
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
 * AES-256-GCM for Redis entries. An entry is a version byte, a random 12-byte nonce and
 * the ciphertext of the token, its type and instants; the entry's Redis key is the
 * associated data, so an entry copied to another key (another client, tenant or scope)
 * fails authentication like a tampered one, and so does an entry written with another
 * key.
 *
 * @author Entra Identity contributors
 */
final class RedisEntryCipher {

	static final int KEY_BYTES = 32;

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int MAX_FIELD_BYTES = 64 * 1024;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] FINGERPRINT_LABEL = "entra-identity redis key name v1"
		.getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	private final String fingerprint;

	RedisEntryCipher(byte[] keyBytes) {
		if (keyBytes.length != KEY_BYTES) {
			throw new IllegalArgumentException(
					"has " + keyBytes.length + " bytes but must have " + KEY_BYTES + " (AES-256)");
		}
		this.key = new SecretKeySpec(keyBytes, "AES");
		this.fingerprint = fingerprint(this.key);
	}

	/**
	 * A short name for the key, derived from it one way, so that fleets with different
	 * keys (a rotation during a rolling deploy) use different entries instead of
	 * overwriting each other's.
	 */
	private static String fingerprint(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(FINGERPRINT_LABEL), 6));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	String fingerprint() {
		return this.fingerprint;
	}

	static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
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
