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

package io.github.entraidentity.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Markdown files users read, README.md and everything under docs/, with their fenced
 * code blocks.
 *
 * @author Entra Identity contributors
 */
final class Documentation {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)(?: +(\\S+))?\\s*$");

	private static final Pattern GIVEN = Pattern.compile("^\\s*<!-- given: (.*) -->\\s*$");

	private Documentation() {
	}

	/**
	 * Return README.md and every Markdown file under docs/, relative to the root.
	 * @return the files
	 */
	static List<Path> files() {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	/**
	 * Return every fenced code block of every file.
	 * @return the blocks
	 */
	static List<Block> blocks() {
		List<Block> blocks = new ArrayList<>();
		for (Path file : files()) {
			blocks.addAll(blocks(file));
		}
		return blocks;
	}

	static List<Block> blocks(Path file) {
		List<String> lines = lines(file);
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches()) {
				continue;
			}
			int indent = open.group(1).length();
			Matcher given = (i > 0) ? GIVEN.matcher(lines.get(i - 1)) : null;
			StringBuilder code = new StringBuilder();
			int start = i;
			for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
				String line = lines.get(i);
				code.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent)
						: line.stripLeading())
					.append('\n');
			}
			blocks.add(new Block(file, start + 1, open.group(2), (open.group(3) != null) ? open.group(3) : "",
					(given != null && given.matches()) ? given.group(1) : "", code.toString()));
		}
		return blocks;
	}

	static List<String> lines(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A fenced code block.
	 *
	 * @param file the file that holds it
	 * @param line the line of its opening fence
	 * @param language the first word of its info string, such as {@code yaml}
	 * @param kind the second word, naming a foreign project ({@code spring-security}), or
	 * empty for this project's own snippets
	 * @param given the declarations of the HTML comment just before it, or empty
	 * @param code its content, without the fence's indentation
	 */
	record Block(Path file, int line, String language, String kind, String given, String code) {

		String location() {
			return ROOT.relativize(this.file) + ":" + this.line;
		}

		boolean is(String language, String kind) {
			return this.language.equals(language) && this.kind.equals(kind);
		}

	}

}
