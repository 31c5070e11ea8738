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

package io.github.entraidentity.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;

/**
 * A separate JVM that writes tokens into a shared persistent cache: run by
 * {@link MultiProcessCacheTests} several times at once.
 * <p>
 * Arguments: cache directory, authority, writer id, number of scopes, encryption key
 * (hex).
 */
public final class CacheWriterProcess {

	private CacheWriterProcess() {
	}

	public static void main(String[] args) {
		Path directory = Path.of(args[0]);
		String authority = args[1];
		String writer = args[2];
		int scopes = Integer.parseInt(args[3]);
		byte[] key = HexFormat.of().parseHex(args[4]);
		try (ClientSecretCredential credential = credential(directory, authority, key)) {
			for (int i = 0; i < scopes; i++) {
				credential.getToken(scope(writer, i)).block(Duration.ofSeconds(30));
			}
		}
		System.out.println("wrote " + scopes + " tokens");
	}

	static ClientSecretCredential credential(Path directory, String authority, byte[] key) {
		return TestCredentials.builder()
			.authority(authority)
			.cachePersistenceOptions(
					TokenCachePersistenceOptions.builder().directory(directory).encryptionKey(key).build())
			.build();
	}

	static String scope(String writer, int index) {
		return "api://" + writer + "-" + index + "/.default";
	}

}
