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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import org.jspecify.annotations.Nullable;

/**
 * Seals the contents of a persistent token cache file with AES-256-GCM, or passes them
 * through unchanged when the application allowed unencrypted storage and gave no key.
 * <p>
 * An encrypted file is a 4-byte magic ({@code ETC} and a format version), a random
 * 12-byte nonce, and the ciphertext with its 16-byte tag. The header and the file's name
 * are authenticated too, so a file copied over another cache file, or from a different
 * format version, fails to open rather than being misread.
 *
 * @author Entra Identity contributors
 */
public final class CacheFileCipher {

	private static final byte[] MAGIC = { 'E', 'T', 'C', 1 };

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_BYTES = TokenCachePersistenceOptions.KEY_BYTES;

	private static final String KEY_FILE_SETTING = TokenCachePersistenceOptions.SETTING + "encryptionKeyFile";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] FINGERPRINT_LABEL = "entra-identity token cache file name v1"
		.getBytes(StandardCharsets.US_ASCII);

	private final @Nullable SecretKeySpec key;

	private final @Nullable String keyFingerprint;

	private CacheFileCipher(@Nullable SecretKeySpec key) {
		this.key = key;
		this.keyFingerprint = (key != null) ? fingerprint(key) : null;
	}

	/**
	 * Derive a short name for the key that reveals nothing about it: an HMAC of a fixed
	 * label, so that each key gets its own files.
	 */
	private static String fingerprint(SecretKeySpec key) {
		byte[] keyBytes = key.getEncoded();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
		finally {
			Arrays.fill(keyBytes, (byte) 0);
		}
	}

	/**
	 * Return the cipher the options ask for.
	 * @param options the options
	 * @return the cipher
	 * @throws InvalidCredentialSettingsException if no key is configured and unencrypted
	 * storage is not allowed, or the key file cannot be used
	 */
	public static CacheFileCipher of(TokenCachePersistenceOptions options) {
		byte[] keyBytes = options.encryptionKey();
		Path keyFile = options.encryptionKeyFile();
		if (keyFile != null) {
			keyBytes = readKeyFile(keyFile);
		}
		if (keyBytes == null) {
			if (!options.allowUnencryptedStorage()) {
				throw InvalidCredentialSettingsException.of(TokenCachePersistenceOptions.SETTING + "encryptionKey",
						"is not set, nor is " + TokenCachePersistenceOptions.SETTING + "encryptionKeyFile, and "
								+ TokenCachePersistenceOptions.SETTING
								+ "allowUnencryptedStorage is false: the persistent token cache needs a key",
						"Set " + TokenCachePersistenceOptions.SETTING + "encryptionKey or "
								+ TokenCachePersistenceOptions.SETTING + "encryptionKeyFile to a 32-byte AES-256 key"
								+ " (for example the output of 'openssl rand -base64 32'), or allow plaintext storage"
								+ " with " + TokenCachePersistenceOptions.SETTING + "allowUnencryptedStorage(true).");
			}
			return new CacheFileCipher(null);
		}
		try {
			return new CacheFileCipher(new SecretKeySpec(keyBytes, "AES"));
		}
		finally {
			Arrays.fill(keyBytes, (byte) 0);
		}
	}

	private static byte[] readKeyFile(Path keyFile) {
		byte[] content;
		try {
			content = Files.readAllBytes(keyFile);
		}
		catch (IOException ex) {
			throw InvalidCredentialSettingsException.of(KEY_FILE_SETTING,
					"names " + keyFile + ", which cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Check that the file exists and is readable by this process.");
		}
		if (content.length == KEY_BYTES) {
			return content;
		}
		try {
			byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
			if (decoded.length == KEY_BYTES) {
				return decoded;
			}
		}
		catch (IllegalArgumentException ex) {
			// Neither raw nor base64: reported below without echoing the content
		}
		finally {
			Arrays.fill(content, (byte) 0);
		}
		throw InvalidCredentialSettingsException.of(KEY_FILE_SETTING,
				"names " + keyFile + ", which does not hold an AES-256 key (its content is not shown)",
				"Write exactly 32 raw bytes or their base64 form to the file (for example the output of"
						+ " 'openssl rand -base64 32').");
	}

	/**
	 * Return a fingerprint of the key (16 hex digits) that names its files, or
	 * {@code null} when this cipher does not encrypt.
	 * @return the fingerprint or {@code null}
	 */
	@Nullable String keyFingerprint() {
		return this.keyFingerprint;
	}

	/**
	 * Return whether this cipher encrypts.
	 * @return whether a key is configured
	 */
	boolean encrypts() {
		return this.key != null;
	}

	/**
	 * Seal plaintext for the named file.
	 * @param plaintext the file contents
	 * @param fileName the name of the file it is written to
	 * @return the bytes to write
	 */
	byte[] seal(byte[] plaintext, String fileName) {
		SecretKeySpec key = this.key;
		if (key == null) {
			return plaintext;
		}
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(fileName));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] sealed = new byte[MAGIC.length + NONCE_BYTES + ciphertext.length];
			System.arraycopy(MAGIC, 0, sealed, 0, MAGIC.length);
			System.arraycopy(nonce, 0, sealed, MAGIC.length, NONCE_BYTES);
			System.arraycopy(ciphertext, 0, sealed, MAGIC.length + NONCE_BYTES, ciphertext.length);
			return sealed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	/**
	 * Open the contents of the named file.
	 * @param sealed the bytes read
	 * @param fileName the file's name
	 * @return the plaintext
	 * @throws UnreadableFileException if the contents cannot be opened with this cipher
	 */
	byte[] open(byte[] sealed, String fileName) {
		SecretKeySpec key = this.key;
		boolean hasMagic = sealed.length >= MAGIC.length
				&& Arrays.equals(sealed, 0, MAGIC.length - 1, MAGIC, 0, MAGIC.length - 1);
		if (key == null) {
			if (hasMagic) {
				throw new UnreadableFileException("it is encrypted and no encryption key is configured");
			}
			return sealed;
		}
		if (!hasMagic) {
			throw new UnreadableFileException("it is not an encrypted token cache file");
		}
		if (sealed[MAGIC.length - 1] != MAGIC[MAGIC.length - 1]) {
			throw new UnreadableFileException("it has unsupported format version " + sealed[MAGIC.length - 1]);
		}
		if (sealed.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8) {
			throw new UnreadableFileException("it is truncated");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE_BYTES));
			cipher.updateAAD(associatedData(fileName));
			int offset = MAGIC.length + NONCE_BYTES;
			return cipher.doFinal(sealed, offset, sealed.length - offset);
		}
		catch (AEADBadTagException ex) {
			throw new UnreadableFileException("it was encrypted with a different key, or it was truncated or modified");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	private static byte[] associatedData(String fileName) {
		byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
		byte[] aad = Arrays.copyOf(MAGIC, MAGIC.length + name.length);
		System.arraycopy(name, 0, aad, MAGIC.length, name.length);
		return aad;
	}

	@Override
	public String toString() {
		return "CacheFileCipher[" + (encrypts() ? "AES-256-GCM" : "plaintext") + "]";
	}

	/**
	 * Thrown when a cache file's contents cannot be opened. The message says why without
	 * quoting the contents.
	 */
	static final class UnreadableFileException extends RuntimeException {

		UnreadableFileException(String message) {
			super(message, null, false, false);
		}

	}

}
