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

package io.github.entraidentity.sample;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample app itself, bound from {@code sample.*}.
 *
 * @param scope scope of the tokens the app requests, {@code <resource>/.default}; the
 * emulator sets its demo API's scope, with real Entra ID it defaults to Microsoft Graph
 * @param downstream downstream API calls
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("https://graph.microsoft.com/.default") String scope,
		@DefaultValue Downstream downstream) {

	/**
	 * Downstream API calls.
	 *
	 * @param url URL of the protected API to call; unset calls the built-in demo API when
	 * the emulator runs, and calls nothing otherwise
	 * @param schedule whether to call the API periodically
	 * @param interval time between two periodic calls
	 */
	public record Downstream(@Nullable String url, @DefaultValue("true") boolean schedule,
			@DefaultValue("15s") Duration interval) {

	}

}
