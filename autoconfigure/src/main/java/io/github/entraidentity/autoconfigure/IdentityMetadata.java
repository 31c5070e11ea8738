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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.util.ClassUtils;

/**
 * The configuration metadata that the build generates for this module: its groups and
 * properties under {@code identity}. Read once per class loader of this class, since the
 * file does not change while the application runs and the startup checks of every context
 * (tests start many) read it.
 *
 * @param groups the groups under {@code identity} (each with its name and type)
 * @param propertyTypes the type of each property under {@code identity}, by its name as
 * the metadata lists it, such as {@code identity.tenant-id}
 * @author Entra Identity contributors
 */
record IdentityMetadata(List<Map<?, ?>> groups, Map<String, String> propertyTypes) {

	private static final String PREFIX = "identity";

	private static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	// Types whose values every text converts to: a value of them cannot be unreadable
	private static final Set<String> TEXT_TYPES = Set.of("java.lang.String", "java.util.List<java.lang.String>",
			"java.util.Set<java.lang.String>");

	private static volatile @Nullable IdentityMetadata read;

	/**
	 * Return the metadata of this module.
	 * @return the metadata, or {@code null} if it cannot be read
	 */
	static @Nullable IdentityMetadata get() {
		IdentityMetadata metadata = read;
		if (metadata == null) {
			metadata = load();
			read = metadata;
		}
		return metadata;
	}

	/**
	 * Return whether the metadata lists the property by this name, or the list it is an
	 * element of ({@code identity.additionally-allowed-tenants[0]}).
	 * @param name the name as the binder reads it
	 * @return whether it is listed
	 */
	boolean lists(ConfigurationPropertyName name) {
		return this.propertyTypes.containsKey(listName(name));
	}

	/**
	 * Return whether the metadata lists the property by this name (or the list it is an
	 * element of) with a type that every text converts to, such as a string.
	 * @param name the name as the binder reads it
	 * @return whether any value of it can be read
	 */
	boolean listsAsText(ConfigurationPropertyName name) {
		String type = this.propertyTypes.get(listName(name));
		return type != null && TEXT_TYPES.contains(type);
	}

	private static String listName(ConfigurationPropertyName name) {
		ConfigurationPropertyName listed = name;
		while (listed.isLastElementIndexed()) {
			listed = listed.getParent();
		}
		return listed.toString();
	}

	static boolean isUnderPrefix(@Nullable String name) {
		return name != null && (name.equals(PREFIX) || name.startsWith(PREFIX + "."));
	}

	// Loops rather than streams here and below: this runs once, at startup, where each
	// lambda costs more to link than the loop takes to run.
	// Without the metadata nothing can be known, which the callers take as "nothing to
	// report" rather than reporting every property
	private static @Nullable IdentityMetadata load() {
		URL location = location();
		if (location == null) {
			return null;
		}
		Map<String, Object> metadata;
		try (InputStream in = location.openStream()) {
			metadata = MetadataJson.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		Map<String, String> propertyTypes = new LinkedHashMap<>();
		for (Map<?, ?> property : entries(metadata, "properties")) {
			if (property.get("name") instanceof String name && isUnderPrefix(name)) {
				propertyTypes.put(name, String.valueOf(property.get("type")));
			}
		}
		List<Map<?, ?>> groups = new ArrayList<>();
		for (Map<?, ?> group : entries(metadata, "groups")) {
			if (group.get("name") instanceof String name && isUnderPrefix(name)) {
				groups.add(group);
			}
		}
		return new IdentityMetadata(groups, Collections.unmodifiableMap(propertyTypes));
	}

	// The metadata of this module (every module of a class path has a file of that
	// name): next to the class files of this one
	private static @Nullable URL location() {
		String classFile = ClassUtils.convertClassNameToResourcePath(IdentityProperties.class.getName()) + ".class";
		URL classUrl = IdentityProperties.class.getClassLoader().getResource(classFile);
		if (classUrl == null || !classUrl.toString().endsWith(classFile)) {
			return null;
		}
		String root = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
		try {
			return URI.create(root + LOCATION).toURL();
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static List<Map<?, ?>> entries(Map<String, Object> metadata, String key) {
		if (!(metadata.get(key) instanceof Collection<?> collection)) {
			return List.of();
		}
		List<Map<?, ?>> entries = new ArrayList<>();
		for (Object entry : collection) {
			if (entry instanceof Map<?, ?> map) {
				entries.add(map);
			}
		}
		return entries;
	}

}
