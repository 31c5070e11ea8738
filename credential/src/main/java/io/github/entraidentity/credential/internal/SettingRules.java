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

import java.time.Duration;
import java.util.List;

import io.github.entraidentity.credential.InvalidCredentialSettingsException.InvalidSetting;
import org.jspecify.annotations.Nullable;

/**
 * The rules that settings of every kind share, each stated once with its message and fix,
 * and never echoing the value.
 *
 * @author Entra Identity contributors
 */
public final class SettingRules {

	private SettingRules() {
	}

	/**
	 * Require a text setting.
	 * @param value the value
	 * @param name the setting
	 * @param action how to fix it
	 * @param problems collects the problem
	 * @return the value without surrounding white space, or {@code null} when it is
	 * missing or blank
	 */
	public static @Nullable String requireText(@Nullable String value, String name, String action,
			List<InvalidSetting> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new InvalidSetting(name, "must be set and not blank", action));
			return null;
		}
		return value.strip();
	}

	/**
	 * Require a positive duration.
	 * @param value the value
	 * @param name the setting
	 * @param problems collects the problem
	 */
	public static void positive(Duration value, String name, List<InvalidSetting> problems) {
		if (value.isNegative() || value.isZero()) {
			problems.add(new InvalidSetting(name, "must be positive", "Use a positive duration such as 10s."));
		}
	}

	/**
	 * Require a duration that is not negative.
	 * @param value the value
	 * @param name the setting
	 * @param problems collects the problem
	 */
	public static void nonNegative(Duration value, String name, List<InvalidSetting> problems) {
		if (value.isNegative()) {
			problems.add(new InvalidSetting(name, "must not be negative", "Use zero or a positive duration."));
		}
	}

	/**
	 * Require a number within bounds.
	 * @param value the value
	 * @param min the smallest value allowed
	 * @param max the largest value allowed
	 * @param unit the unit after the bounds in the message, such as {@code " bytes"}, or
	 * empty
	 * @param name the setting
	 * @param action how to fix it
	 * @param problems collects the problem
	 */
	public static void between(long value, long min, long max, String unit, String name, String action,
			List<InvalidSetting> problems) {
		if (value < min || value > max) {
			problems.add(new InvalidSetting(name, "must be between " + min + " and " + max + unit, action));
		}
	}

}
