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
package io.github.entraidentity.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Certificates with their keys for client certificate tests, made once per JVM by the
 * JDK's {@code keytool} (no other tool, no library): valid RSA ones, an expired one, one
 * not yet valid and an EC one. Each can be written as PKCS#12 or PEM (the key in PKCS#8
 * or PKCS#1 form).
 *
 * @author Entra Identity contributors
 */
public final class TestCertificates {

	/**
	 * The password of every PKCS#12 file written here.
	 */
	public static final String PASSWORD = "changeit";

	private static final Map<String, TestCertificate> made = new ConcurrentHashMap<>();

	private TestCertificates() {
	}

	/**
	 * Return a valid RSA certificate.
	 * @return the certificate
	 */
	public static TestCertificate rsa() {
		return make("rsa", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30");
	}

	/**
	 * Return another valid RSA certificate, for rotations.
	 * @return the certificate
	 */
	public static TestCertificate rotatedRsa() {
		return make("rotated", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30");
	}

	/**
	 * Return an RSA certificate that expires in ten days.
	 * @return the certificate
	 */
	public static TestCertificate expiringSoon() {
		return make("expiring", "-keyalg", "RSA", "-keysize", "2048", "-validity", "10");
	}

	/**
	 * Return an RSA certificate that expired days ago.
	 * @return the certificate
	 */
	public static TestCertificate expired() {
		return make("expired", "-keyalg", "RSA", "-keysize", "2048", "-startdate", "-40d", "-validity", "30");
	}

	/**
	 * Return an RSA certificate that becomes valid in ten days.
	 * @return the certificate
	 */
	public static TestCertificate notYetValid() {
		return make("future", "-keyalg", "RSA", "-keysize", "2048", "-startdate", "+10d", "-validity", "30");
	}

	/**
	 * Return an EC certificate, which Entra does not verify assertions with.
	 * @return the certificate
	 */
	public static TestCertificate ec() {
		return make("ec", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30");
	}

	private static TestCertificate make(String name, String... options) {
		return made.computeIfAbsent(name, (key) -> generate(key, options));
	}

	private static TestCertificate generate(String name, String... options) {
		try {
			Path directory = Files.createTempDirectory("entra-certificates");
			Path keystore = directory.resolve(name + ".p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			List<String> command = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "client",
					"-dname", "CN=entra-identity-" + name, "-storetype", "PKCS12", "-keystore", keystore.toString(),
					"-storepass", PASSWORD, "-keypass", PASSWORD));
			command.addAll(Arrays.asList(options));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keystore)) {
				store.load(in, PASSWORD.toCharArray());
			}
			PrivateKey key = (PrivateKey) store.getKey("client", PASSWORD.toCharArray());
			X509Certificate certificate = (X509Certificate) store.getCertificate("client");
			return new TestCertificate(key, certificate, Files.readAllBytes(keystore));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A certificate, its key and its PKCS#12 file.
	 *
	 * @param privateKey the private key
	 * @param certificate the self-signed certificate
	 * @param pkcs12 the PKCS#12 file's content, protected by {@link #PASSWORD}
	 */
	public record TestCertificate(PrivateKey privateKey, X509Certificate certificate, byte[] pkcs12) {

		/**
		 * Write the PKCS#12 file.
		 * @param file where
		 * @return the file
		 */
		public Path writePkcs12(Path file) {
			return write(file, this.pkcs12);
		}

		/**
		 * Write a PEM file with the certificate and the key in PKCS#8 form.
		 * @param file where
		 * @return the file
		 */
		public Path writePem(Path file) {
			return write(file,
					(pem("CERTIFICATE", encodedCertificate()) + pem("PRIVATE KEY", this.privateKey.getEncoded()))
						.getBytes(StandardCharsets.US_ASCII));
		}

		/**
		 * Write a PEM file with the key in PKCS#1 ({@code RSA PRIVATE KEY}) form before
		 * the certificate, as older tools write it.
		 * @param file where
		 * @return the file
		 */
		public Path writePkcs1Pem(Path file) {
			return write(file, (pem("RSA PRIVATE KEY", pkcs1(this.privateKey.getEncoded()))
					+ pem("CERTIFICATE", encodedCertificate()))
				.getBytes(StandardCharsets.US_ASCII));
		}

		/**
		 * Return the certificate's DER encoding.
		 * @return the encoding
		 */
		public byte[] encodedCertificate() {
			try {
				return this.certificate.getEncoded();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return "TestCertificate[" + this.certificate.getSubjectX500Principal() + "]";
		}

		private static String pem(String type, byte[] der) {
			return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
					+ "\n-----END " + type + "-----\n";
		}

		// PKCS#8 wraps the PKCS#1 key in its last element, an octet string
		private static byte[] pkcs1(byte[] pkcs8) {
			int position = skipHeader(pkcs8, 0);
			position = skipElement(pkcs8, position);
			position = skipElement(pkcs8, position);
			int start = skipHeader(pkcs8, position);
			return Arrays.copyOfRange(pkcs8, start, start + length(pkcs8, position));
		}

		private static int skipHeader(byte[] der, int position) {
			int first = der[position + 1] & 0xff;
			return position + 2 + ((first < 0x80) ? 0 : (first & 0x7f));
		}

		private static int skipElement(byte[] der, int position) {
			return skipHeader(der, position) + length(der, position);
		}

		private static int length(byte[] der, int position) {
			int first = der[position + 1] & 0xff;
			if (first < 0x80) {
				return first;
			}
			int length = 0;
			for (int i = 0; i < (first & 0x7f); i++) {
				length = (length << 8) | (der[position + 2 + i] & 0xff);
			}
			return length;
		}

		private static Path write(Path file, byte[] content) {
			try {
				return Files.write(file, content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
