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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The {@code identity.*} properties whose values cannot be converted to their type, such
 * as {@code identity.http.max-retries=three}. {@link IdentityProperties} ignores them
 * when Spring Boot binds it, so that they are reported here, in the one startup report
 * with every other problem, instead of failing startup alone first with Spring Boot's
 * report (which also shows the value).
 *
 * @author Entra Identity contributors
 */
final class UnreadableIdentityProperties {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("identity");

	private UnreadableIdentityProperties() {
	}

	/**
	 * Return a problem for each {@code identity.*} property that cannot be read as its
	 * type, without its value.
	 * @param environment the environment
	 * @return the problems, in binding order
	 */
	static List<InvalidIdentityProperty> find(Environment environment) {
		if (onlyText(environment)) {
			return List.of();
		}
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		Binder.get(environment).bind(PREFIX, Bindable.of(IdentityProperties.class), new AbstractBindHandler() {

			@Override
			public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) {
				problems.add(problem(name.toString(), target.getType().toClass()));
				// Carry on: the next property's problem joins the report too
				return null;
			}

		});
		return problems;
	}

	// Whether every identity.* property set is one that every text converts to, such as
	// identity.tenant-id: the usual case, in which binding again to find out (a
	// noticeable part of the application's startup) is not needed
	private static boolean onlyText(Environment environment) {
		IdentityMetadata metadata = null;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				if (source.containsDescendantOf(PREFIX) != ConfigurationPropertyState.ABSENT) {
					return false;
				}
				continue;
			}
			for (ConfigurationPropertyName name : iterable) {
				if (!PREFIX.isAncestorOf(name)) {
					continue;
				}
				// Read only when there is an identity.* property to look up
				metadata = (metadata != null) ? metadata : IdentityMetadata.get();
				if (metadata == null || !metadata.listsAsText(name)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Return the problem of a property whose value cannot be read as its type.
	 * @param name the property
	 * @param type its type
	 * @return the problem, which never shows the value
	 */
	static InvalidIdentityProperty problem(String name, Class<?> type) {
		return new InvalidIdentityProperty(name,
				"cannot be read as " + type.getSimpleName() + " (its value is not shown)", valueOf(type));
	}

	private static String valueOf(Class<?> type) {
		if (type == Duration.class) {
			return "Use a duration such as 500ms, 10s or 1m.";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "Use a whole number.";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "Use true or false.";
		}
		return "Use a value of type " + type.getSimpleName() + ".";
	}

}
