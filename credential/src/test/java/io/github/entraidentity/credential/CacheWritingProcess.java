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

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.github.entraidentity.credential.internal.CachedToken;
import io.github.entraidentity.credential.internal.FileTokenStore;
import io.github.entraidentity.credential.internal.TokenKey;

/**
 * Entry point of a second JVM that writes tokens into a persistent cache, so tests can
 * check that another process's tokens are served and that concurrent processes do not
 * lose each other's tokens.
 * <p>
 * Arguments: directory, cache name, base64 key, canonical authority, client id, tenant,
 * scope prefix, number of tokens, expiry as epoch milliseconds.
 *
 * @author Entra Identity contributors
 */
final class CacheWritingProcess {

	private CacheWritingProcess() {
	}

	public static void main(String[] args) {
		TokenCachePersistenceOptions options = TokenCachePersistenceOptions.builder()
			.directory(Path.of(args[0]))
			.name(args[1])
			.encryptionKey(Base64.getDecoder().decode(args[2]))
			.build();
		FileTokenStore store = FileTokenStore.open(options, args[3], args[4]);
		String tenant = args[5];
		String scopePrefix = args[6];
		int count = Integer.parseInt(args[7]);
		long expiresOn = Long.parseLong(args[8]);
		long now = System.currentTimeMillis();
		for (int i = 0; i < count; i++) {
			String token = "tok-" + scopePrefix + "-" + i;
			AccessToken accessToken = new AccessToken(token, Instant.ofEpochMilli(expiresOn), "Bearer", null);
			store.save(new TokenKey(tenant, Set.of(scope(scopePrefix, i)), false),
					CachedToken.of(accessToken, now, 300_000), now);
		}
	}

	static String scope(String prefix, int i) {
		return "api://" + prefix + "-" + i + "/.default";
	}

}
