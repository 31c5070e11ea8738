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

package io.github.entraidentity.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the configuration metadata that Spring Boot's annotation processor writes for
 * this module, a JSON document, into maps, lists, strings, numbers, booleans and
 * {@code null}, as a JSON parser would. Used at every startup with {@code identity.*}
 * properties ({@link UnknownIdentityProperties}): Jackson, which Boot's
 * {@code JsonParserFactory} prefers, would build a mapper and load some sixty
 * deserializer classes for this one small file, and Boot's {@code BasicJsonParser} leaves
 * the objects of an array unparsed.
 *
 * @author Entra Identity contributors
 */
final class MetadataJson {

	private final String json;

	private int position;

	private MetadataJson(String json) {
		this.json = json;
	}

	/**
	 * Parse a JSON object.
	 * @param json the document
	 * @return its members in document order
	 * @throws IllegalArgumentException if the document is not a JSON object
	 */
	static Map<String, Object> parseMap(String json) {
		MetadataJson reader = new MetadataJson(json);
		Object value = reader.value();
		reader.skipWhitespace();
		if (!(value instanceof Map<?, ?>) || reader.position != json.length()) {
			throw new IllegalArgumentException("Not a JSON object");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) value;
		return map;
	}

	private @Nullable Object value() {
		skipWhitespace();
		char next = peek();
		if (next == '{') {
			return object();
		}
		if (next == '[') {
			return array();
		}
		if (next == '"') {
			return string();
		}
		if (this.json.startsWith("true", this.position)) {
			this.position += 4;
			return Boolean.TRUE;
		}
		if (this.json.startsWith("false", this.position)) {
			this.position += 5;
			return Boolean.FALSE;
		}
		if (this.json.startsWith("null", this.position)) {
			this.position += 4;
			return null;
		}
		return number();
	}

	private Map<String, Object> object() {
		Map<String, Object> members = new LinkedHashMap<>();
		expect('{');
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return members;
		}
		do {
			skipWhitespace();
			String name = string();
			skipWhitespace();
			expect(':');
			members.put(name, value());
			skipWhitespace();
		}
		while (next() == ',');
		expectPrevious('}');
		return members;
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> elements = new ArrayList<>();
		expect('[');
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return elements;
		}
		do {
			elements.add(value());
			skipWhitespace();
		}
		while (next() == ',');
		expectPrevious(']');
		return elements;
	}

	private String string() {
		expect('"');
		// Most strings have no escape: one substring instead of a character at a time
		int end = this.json.indexOf('"', this.position);
		int escape = this.json.indexOf('\\', this.position);
		if (end >= 0 && (escape < 0 || escape > end)) {
			String text = this.json.substring(this.position, end);
			this.position = end + 1;
			return text;
		}
		StringBuilder text = new StringBuilder();
		char c;
		while ((c = next()) != '"') {
			if (c != '\\') {
				text.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> {
					text.append((char) Integer.parseInt(this.json.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> text.append(escaped);
			}
		}
		return text.toString();
	}

	private Number number() {
		int start = this.position;
		while (this.position < this.json.length() && "+-0123456789.eE".indexOf(this.json.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.json.substring(start, this.position);
		if (number.isEmpty()) {
			throw new IllegalArgumentException("Unexpected character at " + start);
		}
		if (number.indexOf('.') >= 0 || number.indexOf('e') >= 0 || number.indexOf('E') >= 0) {
			return Double.valueOf(number);
		}
		// As a JSON parser would: the smallest integer type that holds it
		long value = Long.parseLong(number);
		if (value == (int) value) {
			return (int) value;
		}
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.json.length() && Character.isWhitespace(this.json.charAt(this.position))) {
			this.position++;
		}
	}

	private char peek() {
		if (this.position >= this.json.length()) {
			throw new IllegalArgumentException("Unexpected end of JSON");
		}
		return this.json.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw new IllegalArgumentException("Expected '" + expected + "' at " + (this.position - 1));
		}
	}

	private void expectPrevious(char expected) {
		if (this.json.charAt(this.position - 1) != expected) {
			throw new IllegalArgumentException("Expected '" + expected + "' at " + (this.position - 1));
		}
	}

}
