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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds {@code identity.*} properties whose value still holds a {@code ${...}}
 * placeholder after Boot resolved it. Boot binds an unresolvable placeholder as the
 * literal text, so without this check {@code client-secret: ${ENTRA_CLIENT_SECRET}} with
 * the variable unset would be sent to Microsoft Entra ID as the secret and be answered
 * with a misleading "invalid client secret".
 * <p>
 * Every {@code identity.*} name of every property source is checked, with the value the
 * binder sees (the one of the highest-priority source, placeholders resolved), so
 * properties of named credentials and list elements are covered as well, and a value that
 * another source overrides is not. The report names the property and the missing
 * variable, never the value.
 *
 * @author Entra Identity contributors
 */
final class UnresolvedPlaceholders {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("identity");

	// The name of each placeholder left in a resolved value; a placeholder with a default
	// always resolves, so the name ends at '}' (or at ':' when its default was itself an
	// unresolvable placeholder).
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}:]+)");

	private UnresolvedPlaceholders() {
	}

	/**
	 * Report each {@code identity.*} property whose value holds an unresolved
	 * placeholder.
	 * @param environment the environment the properties are bound from
	 * @return one problem per such property, in name order, empty when there are none
	 */
	static List<InvalidIdentityProperty> find(Environment environment) {
		Binder binder = Binder.get(environment);
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (ConfigurationPropertyName name : identityPropertyNames(environment)) {
			String value = binder.bind(name, Bindable.of(String.class)).orElse(null);
			// Most values hold no placeholder: no pattern to match them against
			Set<String> variables = (value != null && value.contains("${")) ? variables(value) : Set.of();
			if (!variables.isEmpty()) {
				problems.add(problem(name.toString(), variables));
			}
		}
		return problems;
	}

	private static Set<ConfigurationPropertyName> identityPropertyNames(Environment environment) {
		Set<ConfigurationPropertyName> names = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(PREFIX::isAncestorOf).forEach(names::add);
			}
		}
		return names;
	}

	private static Set<String> variables(String value) {
		Set<String> variables = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			variables.add(matcher.group(1).strip());
		}
		return variables;
	}

	private static InvalidIdentityProperty problem(String property, Set<String> variables) {
		String names = String.join(", ", variables);
		String reason = (variables.size() == 1)
				? "refers to " + names + ", which is not set (its ${" + names + "} placeholder was left unresolved)"
				: "refers to " + names + ", which are not set (their placeholders were left unresolved)";
		return new InvalidIdentityProperty(property, reason, "Set " + names
				+ " as an environment variable or property, or replace the placeholder in " + property + ".");
	}

}
