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
package io.github.entraidentity.testsupport;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Named pipes (FIFOs) where a test expects a regular file: a read blocks until a writer
 * comes, which no file reader of the library may wait for.
 *
 * @author Entra Identity contributors
 */
public final class NamedPipes {

	private NamedPipes() {
	}

	/**
	 * Create a named pipe with {@code mkfifo}; the test is skipped where there is none.
	 * @param path where to create it
	 * @return the path
	 * @throws Exception if {@code mkfifo} cannot be run
	 */
	public static Path create(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
		assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
		return path;
	}

}
