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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.entraidentity.credential.ClientCertificate;
import org.jspecify.annotations.Nullable;

/**
 * Reads a client certificate and its private key from the bytes of a PEM file (the
 * certificate chain with a PKCS#8 {@code PRIVATE KEY} or a PKCS#1
 * {@code RSA PRIVATE KEY}) or a PKCS#12 file, with the JDK alone. Failures are
 * {@link Problem}s whose message follows the setting's name and never holds key material
 * or the password.
 *
 * @author Entra Identity contributors
 */
public final class CertificateParser {

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

	private static final byte[] RSA_ALGORITHM_IDENTIFIER = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private CertificateParser() {
	}

	/**
	 * Read a certificate and its key: PEM when the content is PEM text, else PKCS#12.
	 * @param content the file's content
	 * @param password the PKCS#12 password, or {@code null}
	 * @return the certificate, not yet checked against the rules of
	 * {@link CertificateRules}
	 * @throws Problem when the content holds no usable certificate and key
	 */
	public static ClientCertificate parse(byte[] content, @Nullable String password) {
		String text = new String(content, StandardCharsets.US_ASCII);
		if (text.contains("-----BEGIN ")) {
			return pem(text);
		}
		return pkcs12(content, password);
	}

	private static ClientCertificate pem(String text) {
		List<X509Certificate> chain = new ArrayList<>();
		PrivateKey key = null;
		Matcher block = PEM_BLOCK.matcher(text);
		while (block.find()) {
			String type = block.group(1);
			byte[] der = decode(block.group(2));
			switch (type) {
				case "CERTIFICATE" -> chain.add(certificate(der));
				case "PRIVATE KEY" -> key = rsaKey(der);
				case "RSA PRIVATE KEY" -> key = rsaKey(pkcs1ToPkcs8(der));
				case "ENCRYPTED PRIVATE KEY" -> throw new Problem("holds an encrypted PEM key, which is not supported",
						"Use an unencrypted PEM key on a protected mount, or a PKCS#12 file with its password.");
				case "EC PRIVATE KEY" -> throw new Problem("holds an EC key; Microsoft Entra ID verifies RSA keys",
						"Create the certificate with an RSA key (2048 bits or more).");
				default -> {
					// Other blocks, such as parameters, are not needed
				}
			}
		}
		if (key == null) {
			throw new Problem("holds no private key", "Put the certificate's private key in the PEM file"
					+ " (PRIVATE KEY or RSA PRIVATE KEY) next to the certificate.");
		}
		if (chain.isEmpty()) {
			throw new Problem("holds no certificate", "Put the certificate (chain) in the PEM file next to its key.");
		}
		return new ClientCertificate(key, chain);
	}

	private static ClientCertificate pkcs12(byte[] content, @Nullable String password) {
		char[] secret = (password != null) ? password.toCharArray() : new char[0];
		KeyStore store;
		try {
			store = KeyStore.getInstance("PKCS12");
			store.load(new ByteArrayInputStream(content), secret);
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				throw new Problem("cannot be opened with the password given",
						"Set the PKCS#12 file's password (certificate password setting).");
			}
			throw new Problem("is neither PEM text nor a PKCS#12 file",
					"Use a PEM file with the certificate and its private key, or a PKCS#12 (.pfx/.p12) file.");
		}
		catch (GeneralSecurityException ex) {
			throw new Problem("cannot be read as PKCS#12 (" + ex.getClass().getSimpleName() + ")",
					"Use a PEM file with the certificate and its private key, or a PKCS#12 (.pfx/.p12) file.");
		}
		try {
			Enumeration<String> aliases = store.aliases();
			while (aliases.hasMoreElements()) {
				String alias = aliases.nextElement();
				if (store.isKeyEntry(alias)) {
					Key key = store.getKey(alias, secret);
					Certificate[] chain = store.getCertificateChain(alias);
					if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
						continue;
					}
					List<X509Certificate> certificates = new ArrayList<>();
					for (Certificate certificate : chain) {
						certificates.add((X509Certificate) certificate);
					}
					return new ClientCertificate(privateKey, certificates);
				}
			}
		}
		catch (UnrecoverableKeyException ex) {
			throw new Problem("holds a key that the password given does not open",
					"Set the password of the key in the PKCS#12 file (certificate password setting).");
		}
		catch (GeneralSecurityException ex) {
			throw new Problem("cannot be read as PKCS#12 (" + ex.getClass().getSimpleName() + ")",
					"Use a PEM file with the certificate and its private key, or a PKCS#12 (.pfx/.p12) file.");
		}
		throw new Problem("holds no private key with its certificate",
				"Export the certificate together with its private key into the PKCS#12 file.");
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getMimeDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new Problem("holds a PEM block that is not valid base64", "Export the PEM file again.");
		}
	}

	private static X509Certificate certificate(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException ex) {
			throw new Problem("holds a CERTIFICATE block that is not an X.509 certificate",
					"Export the PEM file again.");
		}
	}

	private static PrivateKey rsaKey(byte[] pkcs8) {
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new Problem("holds a private key that is not an RSA key; Microsoft Entra ID verifies RSA keys",
					"Create the certificate with an RSA key (2048 bits or more).");
		}
	}

	/**
	 * Wrap a PKCS#1 RSA key in the PKCS#8 structure the JDK reads: a version, the RSA
	 * algorithm identifier and the PKCS#1 key as an octet string.
	 */
	private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
		body.write(0x04);
		writeLength(body, pkcs1.length);
		body.writeBytes(pkcs1);
		ByteArrayOutputStream sequence = new ByteArrayOutputStream();
		sequence.write(0x30);
		writeLength(sequence, body.size());
		sequence.writeBytes(body.toByteArray());
		return sequence.toByteArray();
	}

	private static void writeLength(ByteArrayOutputStream out, int length) {
		if (length < 0x80) {
			out.write(length);
			return;
		}
		int bytes = (length > 0xffffff) ? 4 : (length > 0xffff) ? 3 : (length > 0xff) ? 2 : 1;
		out.write(0x80 | bytes);
		for (int i = bytes - 1; i >= 0; i--) {
			out.write((length >>> (8 * i)) & 0xff);
		}
	}

	/**
	 * Why the content holds no usable certificate: a reason phrased to follow the
	 * setting's name ("certificatePath holds no private key") and what to do.
	 */
	public static final class Problem extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final String action;

		/**
		 * Create a problem.
		 * @param reason what is wrong, never key material or a password
		 * @param action how to fix it
		 */
		public Problem(String reason, String action) {
			super(reason);
			this.action = action;
		}

		/**
		 * Return how to fix it.
		 * @return the action
		 */
		public String action() {
			return this.action;
		}

	}

}
