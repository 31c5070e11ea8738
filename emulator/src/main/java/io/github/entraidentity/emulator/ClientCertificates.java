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
package io.github.entraidentity.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The client certificate the emulator ships and registers for its app, so that a test can
 * run an application with a certificate credential and nothing to generate: a PKCS#12
 * file on the class path, valid for a century.
 *
 * @author Entra Identity contributors
 */
final class ClientCertificates {

	private static final X509Certificate SHIPPED = load();

	private ClientCertificates() {
	}

	static X509Certificate shipped() {
		return SHIPPED;
	}

	static byte[] shippedPkcs12() {
		try (InputStream in = open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static X509Certificate load() {
		try (InputStream in = open()) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, EntraEmulator.CLIENT_CERTIFICATE_PASSWORD.toCharArray());
			return (X509Certificate) store.getCertificate("client");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The emulator's client certificate cannot be read", ex);
		}
	}

	private static InputStream open() throws IOException {
		InputStream in = ClientCertificates.class.getClassLoader()
			.getResourceAsStream(EntraEmulator.CLIENT_CERTIFICATE_LOCATION);
		if (in == null) {
			throw new IOException("No " + EntraEmulator.CLIENT_CERTIFICATE_LOCATION + " on the class path");
		}
		return in;
	}

}
