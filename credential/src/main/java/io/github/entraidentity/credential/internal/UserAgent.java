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

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} sent with token requests: this library, its version, Java and
 * the OS.
 *
 * @author Entra Identity contributors
 */
public final class UserAgent {

	public static final String VERSION = readVersion();

	static final String VALUE = "entra-identity-spring-boot/" + VERSION + " (Java " + System.getProperty("java.version")
			+ "; " + System.getProperty("os.name") + ")";

	private UserAgent() {
	}

	private static String readVersion() {
		try (InputStream in = UserAgent.class.getResourceAsStream("library.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "unknown");
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "unknown";
	}

}
