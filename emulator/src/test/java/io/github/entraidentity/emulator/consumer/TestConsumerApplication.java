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

package io.github.entraidentity.emulator.consumer;

import java.util.stream.Stream;

import io.github.entraidentity.emulator.EntraEmulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplication.Running;

/**
 * The README's "Running your app against the emulator": a test main that starts an
 * emulator and runs the application pointed at it, as {@code ./mvnw spring-boot:test-run}
 * would.
 *
 * @author Entra Identity contributors
 */
public class TestConsumerApplication {

	public static void main(String[] args) {
		run(EntraEmulator.start(), args);
	}

	static Running run(EntraEmulator entra, String... args) {
		Stream<String> settings = entra.identityProperties()
			.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue());
		return SpringApplication.from(ConsumerApplication::main)
			.run(Stream.concat(settings, Stream.of(args)).toArray(String[]::new));
	}

}
