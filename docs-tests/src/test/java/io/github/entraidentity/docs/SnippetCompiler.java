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

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import io.github.entraidentity.docs.Documentation.Block;

/**
 * Compiles the Java snippets of the documentation with the test class path: a block that
 * declares a type as it is, a fragment wrapped in a class by the conventions of
 * docs/README.md ("Checked snippets").
 *
 * @author Entra Identity contributors
 */
final class SnippetCompiler {

	/**
	 * What a fragment may use without importing it: the JDK, Reactor and Spring basics,
	 * never this project's types, which a snippet imports itself so that it can be
	 * copied.
	 */
	private static final List<String> FRAGMENT_IMPORTS = List.of("java.nio.file.*", "java.time.*", "java.util.*",
			"java.util.function.*", "reactor.core.publisher.*", "org.springframework.beans.factory.ObjectProvider",
			"org.springframework.beans.factory.annotation.Qualifier", "org.springframework.context.annotation.Bean",
			"org.springframework.context.annotation.Configuration", "org.springframework.web.client.RestClient",
			"org.springframework.web.reactive.function.client.WebClient", "io.micrometer.core.instrument.MeterRegistry",
			"com.azure.core.credential.TokenCredential", "com.azure.storage.blob.BlobServiceClient",
			"com.azure.storage.blob.BlobServiceClientBuilder");

	private static final Pattern TYPE_DECLARATION = Pattern
		.compile("(?m)^(public |abstract |final |sealed )*(class|interface|record|enum|@interface)\\s+\\w+");

	private static final Pattern PUBLIC_TOP_LEVEL_TYPE = Pattern
		.compile("(?m)^public (?=(abstract |final |sealed )*(class|interface|record|enum|@interface)\\s)");

	private static final Pattern MEMBER = Pattern
		.compile("(?m)^(@\\w+|[\\w<>\\[\\], ?]+\\s+\\w+\\([^;=]*\\)\\s*(throws [\\w., ]+)?\\{\\s*$)");

	private SnippetCompiler() {
	}

	/**
	 * Compile the given snippets, each in a package of its own, into a directory.
	 * @param snippets the snippets by package
	 * @param classes the directory for the class files
	 * @param replacements text to replace in every source before it is compiled
	 * @return the errors, each with the snippet's location, empty when all compiled
	 */
	static List<String> compile(Map<String, Block> snippets, Path classes, Map<String, String> replacements) {
		List<JavaFileObject> sources = new ArrayList<>();
		snippets.forEach((pkg, snippet) -> {
			String code = compilationUnit(pkg, snippet);
			for (Map.Entry<String, String> replacement : replacements.entrySet()) {
				code = code.replace(replacement.getKey(), replacement.getValue());
			}
			sources.add(new Source(pkg, code));
		});
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		boolean compiled = compiler
			.getTask(null, null, diagnostics,
					List.of("-proc:none", "-d", classes.toString(), "-classpath", classPath(), "-parameters"), null,
					sources)
			.call();
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				Source source = (Source) diagnostic.getSource();
				Block snippet = (source != null) ? snippets.get(source.pkg) : null;
				errors.add(((snippet != null) ? snippet.location() : "?") + ": " + diagnostic.getMessage(Locale.ROOT)
						+ "\n    in: " + ((source != null) ? source.line(diagnostic.getLineNumber()) : ""));
			}
		}
		if (!compiled && errors.isEmpty()) {
			errors.add("javac failed without an error");
		}
		return errors;
	}

	/**
	 * Return the compilation unit of a snippet: a block that declares a type as it is
	 * (public types made package-private, so that one file holds them all), a fragment
	 * wrapped in a class, as members or as the body of a method.
	 */
	static String compilationUnit(String pkg, Block snippet) {
		List<String> imports = new ArrayList<>();
		StringBuilder body = new StringBuilder();
		for (String line : snippet.code().split("\n", -1)) {
			if (line.startsWith("import ")) {
				imports.add(line);
			}
			else {
				body.append(line).append('\n');
			}
		}
		List<String> given = given(snippet.given());
		StringBuilder unit = new StringBuilder("package " + pkg + ";\n\n");
		if (TYPE_DECLARATION.matcher(body).find()) {
			imports.forEach((line) -> unit.append(line).append('\n'));
			unit.append(PUBLIC_TOP_LEVEL_TYPE.matcher(body).replaceAll(""));
			given.forEach((declaration) -> unit.append(declaration).append('\n'));
			return unit.toString();
		}
		FRAGMENT_IMPORTS.forEach((type) -> unit.append("import ").append(type).append(";\n"));
		imports.forEach((line) -> unit.append(line).append('\n'));
		unit.append("\nclass Snippet {\n\n");
		given.forEach(
				(declaration) -> unit.append(declaration.endsWith("}") ? declaration : declaration + ";").append('\n'));
		if (MEMBER.matcher(body).find()) {
			unit.append(body);
		}
		else {
			unit.append("void snippet() throws Exception {\n").append(body).append("}\n");
		}
		return unit.append("}\n").toString();
	}

	// The declarations of a "given" comment: separated by ';' outside braces
	private static List<String> given(String given) {
		List<String> declarations = new ArrayList<>();
		int depth = 0;
		StringBuilder declaration = new StringBuilder();
		for (char c : given.toCharArray()) {
			depth += (c == '{') ? 1 : ((c == '}') ? -1 : 0);
			if (c == ';' && depth == 0) {
				declarations.add(declaration.toString().trim());
				declaration.setLength(0);
			}
			else {
				declaration.append(c);
			}
		}
		if (!declaration.toString().isBlank()) {
			declarations.add(declaration.toString().trim());
		}
		return declarations;
	}

	private static String classPath() {
		String testClassPath = System.getProperty("surefire.test.class.path");
		return (testClassPath != null) ? testClassPath : System.getProperty("java.class.path");
	}

	static final class Source extends SimpleJavaFileObject {

		private final String pkg;

		private final String code;

		Source(String pkg, String code) {
			super(URI.create("string:///" + pkg.replace('.', '/') + "/Snippet.java"), Kind.SOURCE);
			this.pkg = pkg;
			this.code = code;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.code;
		}

		String line(long number) {
			String[] lines = this.code.split("\n", -1);
			return (number >= 1 && number <= lines.length) ? lines[(int) number - 1].strip() : "";
		}

	}

}
