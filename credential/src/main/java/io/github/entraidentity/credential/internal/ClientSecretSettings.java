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
import java.util.ArrayList;
import java.util.List;

import io.github.entraidentity.credential.ClientSecretSource;
import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import org.jspecify.annotations.Nullable;

/**
 * The client secret settings of a credential's builder, of which exactly one must be set,
 * and the rules they follow.
 *
 * @param clientSecret one secret, or {@code null}
 * @param clientSecretFile a file holding the secret, or {@code null}
 * @param clientSecrets secrets in order for a rotation's overlap, or {@code null}
 * @param clientSecretSources sources of secrets in order, or {@code null}
 * @author Entra Identity contributors
 */
public record ClientSecretSettings(@Nullable String clientSecret, @Nullable Path clientSecretFile,
		@Nullable List<String> clientSecrets, @Nullable List<ClientSecretSource> clientSecretSources) {

	private static final String FILE_ACTION = "Mount or create the file with the client secret's Value as its only content.";

	/**
	 * Check the client secret settings: exactly one of them, and each secret there.
	 * @param problems collects the problems
	 * @return the sources, or {@code null} when there is a problem
	 */
	public @Nullable List<ClientSecretSource> check(List<InvalidSetting> problems) {
		List<String> set = new ArrayList<>();
		if (this.clientSecret != null && !this.clientSecret.isBlank()) {
			set.add("clientSecret");
		}
		if (this.clientSecretFile != null) {
			set.add("clientSecretFile");
		}
		if (this.clientSecrets != null) {
			set.add("clientSecrets");
		}
		if (this.clientSecretSources != null) {
			set.add("clientSecretSources");
		}
		if (set.size() > 1) {
			for (String other : set.subList(1, set.size())) {
				problems.add(new InvalidSetting(other, "is set together with " + set.get(0),
						"Keep only one of " + String.join(" and ", set)
								+ ": a single secret, a file, or an ordered list for a rotation's overlap."));
			}
			return null;
		}
		int before = problems.size();
		List<ClientSecretSource> sources = new ArrayList<>();
		if (set.isEmpty()) {
			SettingRules
				.requireText(this.clientSecret, "clientSecret",
						"Set it to a client secret of the app registration (its Value, not its Secret ID), preferably"
								+ " from an environment variable, a secret store or a file (clientSecretFile).",
						problems);
		}
		else if (this.clientSecretFile != null) {
			FileClientSecret file = new FileClientSecret(this.clientSecretFile);
			String problem = file.problem();
			if (problem != null) {
				problems.add(new InvalidSetting("clientSecretFile", problem, FILE_ACTION));
			}
			sources.add(file);
		}
		else if (this.clientSecrets != null) {
			checkNotEmpty(this.clientSecrets, "clientSecrets", problems);
			for (int i = 0; i < this.clientSecrets.size(); i++) {
				String value = this.clientSecrets.get(i);
				if (value == null || value.isBlank()) {
					problems.add(new InvalidSetting("clientSecrets[" + i + "]", "must not be blank",
							"Set it to a client secret of the app registration (its Value), or remove it."));
				}
				else {
					sources.add(new FixedClientSecret(value.strip()));
				}
			}
		}
		else if (this.clientSecretSources != null) {
			checkNotEmpty(this.clientSecretSources, "clientSecretSources", problems);
			for (int i = 0; i < this.clientSecretSources.size(); i++) {
				checkSource(this.clientSecretSources.get(i), i, problems);
				sources.add(this.clientSecretSources.get(i));
			}
		}
		else {
			sources.add(new FixedClientSecret(this.clientSecret.strip()));
		}
		return (problems.size() == before) ? sources : null;
	}

	private static void checkNotEmpty(List<?> list, String name, List<InvalidSetting> problems) {
		if (list.isEmpty()) {
			problems.add(new InvalidSetting(name, "is empty", "Give at least one client secret."));
		}
	}

	private static void checkSource(@Nullable ClientSecretSource source, int index, List<InvalidSetting> problems) {
		String setting = "clientSecretSources[" + index + "]";
		if (source == null) {
			problems.add(new InvalidSetting(setting, "is null", "Remove it or give a source."));
			return;
		}
		if (source instanceof FileClientSecret file) {
			String problem = file.problem();
			if (problem != null) {
				problems.add(new InvalidSetting(setting, problem, FILE_ACTION));
			}
			return;
		}
		try {
			String secret = source.secret();
			if (secret == null || secret.isBlank()) {
				problems.add(new InvalidSetting(setting, "returned no secret",
						"Make the source return the client secret's Value."));
			}
		}
		catch (RuntimeException ex) {
			// The message might hold the secret: only the type is reported
			problems.add(new InvalidSetting(setting, "failed with " + ex.getClass().getName(),
					"Make the source return the client secret's Value."));
		}
	}

	@Override
	public String toString() {
		return "ClientSecretSettings[clientSecret=***]";
	}

}
