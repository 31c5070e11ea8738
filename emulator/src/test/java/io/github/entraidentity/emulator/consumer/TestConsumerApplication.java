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

/**
 * The "Running your app against the emulator" of docs/testing.md, line for line: a test
 * main that starts an emulator and runs the application pointed at it, as
 * {@code ./mvnw spring-boot:test-run} would, with the application's own arguments after
 * the emulator's settings.
 *
 * @author Entra Identity contributors
 */
public class TestConsumerApplication {

	public static void main(String[] args) {
		EntraEmulator entra = EntraEmulator.start();
		Stream<String> settings = entra.identityProperties()
			.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue());
		// The application's own arguments come last, so that they win
		SpringApplication.from(ConsumerApplication::main)
			.run(Stream.concat(settings, Stream.of(args)).toArray(String[]::new));
	}

}
