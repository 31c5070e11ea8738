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

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.entraidentity.credential.ClientCertificate;
import io.github.entraidentity.credential.ClientCertificateSource;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import org.jspecify.annotations.Nullable;

/**
 * The certificate settings of a credential's builder, of which exactly one must be set,
 * and the rules they follow: a readable PEM or PKCS#12 file (with its password), a
 * certificate in memory, or a source.
 *
 * @param certificatePath the PEM or PKCS#12 file, or {@code null}
 * @param certificatePassword the PKCS#12 password, or {@code null}
 * @param certificate the certificate in memory, or {@code null}
 * @param certificateSource a source of certificates, or {@code null}
 * @author Entra Identity contributors
 */
public record ClientCertificateSettings(@Nullable Path certificatePath, @Nullable String certificatePassword,
		@Nullable ClientCertificate certificate, @Nullable ClientCertificateSource certificateSource) {

	/**
	 * Check the settings.
	 * @param problems collects the problems
	 * @return the source of the certificate, or {@code null} when there is a problem
	 */
	public @Nullable ClientCertificateSource check(List<InvalidSetting> problems) {
		List<String> set = new ArrayList<>();
		if (this.certificatePath != null) {
			set.add("certificatePath");
		}
		if (this.certificate != null) {
			set.add("certificate");
		}
		if (this.certificateSource != null) {
			set.add("certificateSource");
		}
		if (set.size() > 1) {
			for (String other : set.subList(1, set.size())) {
				problems.add(new InvalidSetting(other, "is set together with " + set.get(0),
						"Keep only one of " + String.join(" and ", set) + "."));
			}
			return null;
		}
		if (this.certificatePassword != null && this.certificatePath == null) {
			problems.add(new InvalidSetting("certificatePassword", "is set without certificatePath",
					"Set certificatePath to the PKCS#12 file the password opens, or remove the password."));
			return null;
		}
		if (set.isEmpty()) {
			problems.add(new InvalidSetting("certificatePath", "must be set",
					"Set it to a PEM or PKCS#12 file with the certificate registered for the app and its private key,"
							+ " or give the certificate in memory."));
			return null;
		}
		if (this.certificatePath != null) {
			FileClientCertificate file = new FileClientCertificate(this.certificatePath, this.certificatePassword);
			return checked("certificatePath", file, file::read, problems);
		}
		if (this.certificate != null) {
			ClientCertificate fixed = this.certificate;
			ClientCertificateSource source = ClientCertificateSource.of(fixed.privateKey(), fixed.chain());
			return checked("certificate", source, () -> fixed, problems);
		}
		ClientCertificateSource source = this.certificateSource;
		return checked("certificateSource", source, source::certificate, problems);
	}

	private static @Nullable ClientCertificateSource checked(String setting, ClientCertificateSource source,
			CertificateReader reader, List<InvalidSetting> problems) {
		try {
			CertificateParser.Problem problem = CertificateRules.problem(reader.read(), Instant.now());
			if (problem == null) {
				return source;
			}
			problems.add(new InvalidSetting(setting, problem.getMessage(), problem.action()));
		}
		catch (CertificateParser.Problem ex) {
			problems.add(new InvalidSetting(setting, ex.getMessage(), ex.action()));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new InvalidSetting(setting, ex.getMessage(),
					"Mount or create the file with the certificate and its private key."));
		}
		catch (RuntimeException ex) {
			// The message might hold what the source read: only the type is reported
			problems.add(new InvalidSetting(setting, "failed with " + ex.getClass().getName(),
					"Make the source return the certificate registered for the app and its private key."));
		}
		return null;
	}

	@Override
	public String toString() {
		return "ClientCertificateSettings[certificatePath=" + this.certificatePath + ", certificatePassword="
				+ ((this.certificatePassword != null) ? "***" : "unset") + "]";
	}

	@FunctionalInterface
	private interface CertificateReader {

		ClientCertificate read();

	}

}
