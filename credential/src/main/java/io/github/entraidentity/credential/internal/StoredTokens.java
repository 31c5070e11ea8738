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

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.entraidentity.credential.AccessToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tokens in one persistent cache file, by entry key, and their JSON form. Only tokens
 * and their timing are stored: never a client secret.
 *
 * @author Entra Identity contributors
 */
final class StoredTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int FORMAT_VERSION = 1;

	private final Map<String, CachedToken> tokens;

	private StoredTokens(Map<String, CachedToken> tokens) {
		this.tokens = tokens;
	}

	static StoredTokens empty() {
		return new StoredTokens(new LinkedHashMap<>());
	}

	/**
	 * Read tokens from JSON. Entries that are not well-formed are skipped.
	 * @param json the JSON bytes
	 * @return the tokens
	 * @throws CacheFileCipher.UnreadableFileException if the bytes are not a token cache
	 * document
	 */
	static StoredTokens fromJson(byte[] json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CacheFileCipher.UnreadableFileException("it is not valid JSON");
		}
		if (root == null || !root.isObject() || !root.path("entries").isObject()) {
			throw new CacheFileCipher.UnreadableFileException("it is not a token cache document");
		}
		Map<String, CachedToken> tokens = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("entries").properties()) {
			CachedToken token = token(entry.getValue());
			if (token != null) {
				tokens.put(entry.getKey(), token);
			}
		}
		return new StoredTokens(tokens);
	}

	private static @Nullable CachedToken token(JsonNode node) {
		JsonNode token = node.get("token");
		JsonNode tokenType = node.get("tokenType");
		JsonNode expiresOn = node.get("expiresOn");
		JsonNode refreshAt = node.get("refreshAt");
		JsonNode refreshOn = node.get("refreshOn");
		if (token == null || !token.isString() || token.stringValue().isEmpty() || tokenType == null
				|| !tokenType.isString() || expiresOn == null || !expiresOn.canConvertToLong() || refreshAt == null
				|| !refreshAt.canConvertToLong()) {
			return null;
		}
		// A file may say anything: nothing refreshes after the token expired
		long expiresAtMillis = expiresOn.longValue();
		Instant refreshOnInstant = (refreshOn != null && refreshOn.canConvertToLong())
				? Instant.ofEpochMilli(Math.min(refreshOn.longValue(), expiresAtMillis)) : null;
		AccessToken accessToken = new AccessToken(token.stringValue(), Instant.ofEpochMilli(expiresAtMillis),
				tokenType.stringValue(), refreshOnInstant);
		return new CachedToken(accessToken, Math.min(refreshAt.longValue(), expiresAtMillis), expiresAtMillis);
	}

	@Nullable CachedToken get(String entryKey) {
		return this.tokens.get(entryKey);
	}

	void put(String entryKey, CachedToken token) {
		this.tokens.put(entryKey, token);
	}

	/**
	 * Drop expired tokens and, beyond the given number, the ones expiring soonest.
	 * @param nowMillis the current time
	 * @param maxTokens how many tokens to keep at most
	 */
	void trim(long nowMillis, int maxTokens) {
		this.tokens.values().removeIf((token) -> !token.isValidAt(nowMillis));
		if (this.tokens.size() > maxTokens) {
			List<String> soonestFirst = this.tokens.entrySet()
				.stream()
				.sorted(Comparator.comparingLong((entry) -> entry.getValue().expiresAtMillis()))
				.map(Map.Entry::getKey)
				.toList();
			soonestFirst.subList(0, soonestFirst.size() - maxTokens).forEach(this.tokens::remove);
		}
	}

	int size() {
		return this.tokens.size();
	}

	byte[] toJson() {
		ObjectNode root = JSON.createObjectNode();
		root.put("version", FORMAT_VERSION);
		ObjectNode entries = root.putObject("entries");
		this.tokens.forEach((entryKey, cached) -> {
			AccessToken token = cached.token();
			ObjectNode node = entries.putObject(entryKey);
			node.put("token", token.token());
			node.put("tokenType", token.tokenType());
			node.put("expiresOn", cached.expiresAtMillis());
			node.put("refreshAt", cached.refreshAtMillis());
			if (token.refreshOn() != null) {
				node.put("refreshOn", token.refreshOn().toEpochMilli());
			}
		});
		return JSON.writeValueAsBytes(root);
	}

	@Override
	public String toString() {
		return "StoredTokens[" + this.tokens.size() + " token(s)]";
	}

}
