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

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.Concern;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Finds {@code identity.*} properties that no part of the starter reads, such as
 * {@code identity.client-scret}, and names the closest known property ("did you mean
 * identity.client-secret?"). The starter owns the {@code identity.*} namespace, and a
 * misspelt property is otherwise silently ignored: the application then fails, if at all,
 * with a report about the property it meant ("identity.client-secret must be set").
 * <p>
 * The known names are those the binder reads from the properties classes, found as it
 * finds them (JavaBean properties, nested classes, maps such as
 * {@code identity.credentials.<name>.*} and lists), starting from every class that the
 * configuration metadata generated for this module lists under {@code identity}, so that
 * a new property is known without further work. Every name of every property source is
 * checked in any relaxed form. Environment variables are different: the process
 * environment is shared with the platform, which sets {@code IDENTITY_ENDPOINT} and
 * {@code IDENTITY_HEADER} for managed identities, so a variable is reported only when it
 * looks like a misspelt property, that is when a known property is close to it.
 *
 * @author Entra Identity contributors
 */
final class UnknownIdentityProperties {

	private static final String PREFIX = "identity";

	private static final ConfigurationPropertyName PREFIX_NAME = ConfigurationPropertyName.of(PREFIX);

	// At most three suggestions when only the last element of a name is known
	private static final int MAX_SUGGESTIONS = 3;

	private final Node root;

	private UnknownIdentityProperties(Node root) {
		this.root = root;
	}

	/**
	 * Report each {@code identity.*} property that the starter does not know.
	 * @param environment the environment the properties are bound from
	 * @return one problem per unknown property, in name order, empty when there are none
	 */
	static List<InvalidIdentityProperty> find(Environment environment) {
		Map<String, FoundName> names = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				boolean variables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
				iterable.filter(PREFIX_NAME::isAncestorOf).forEach((name) -> {
					FoundName found = FoundName.of(source, name, variables);
					names.putIfAbsent(found.display(), found);
				});
			}
		}
		if (names.isEmpty()) {
			return List.of();
		}
		IdentityMetadata metadata = IdentityMetadata.get();
		// Usually every name is one the metadata lists as it is written, such as
		// identity.tenant-id: then no properties class needs reading (a noticeable part
		// of the application's startup). Other names, such as those of named credentials
		// or those written in another form, are looked up in the properties classes.
		if (metadata == null || allListed(names.values(), metadata)) {
			return List.of();
		}
		UnknownIdentityProperties known = load(metadata, UnknownIdentityProperties.class.getClassLoader());
		if (known == null) {
			return List.of();
		}
		List<InvalidIdentityProperty> problems = new ArrayList<>();
		for (FoundName name : names.values()) {
			InvalidIdentityProperty problem = known.check(name);
			if (problem != null) {
				problems.add(problem);
			}
		}
		return problems;
	}

	private static boolean allListed(Collection<FoundName> names, IdentityMetadata metadata) {
		for (FoundName name : names) {
			if (!metadata.lists(name.name())) {
				return false;
			}
		}
		return true;
	}

	private @Nullable InvalidIdentityProperty check(FoundName name) {
		Reading closest = read(this.root, name, 1, false);
		if (closest != null && closest.cost() == 0) {
			return null;
		}
		// A variable is reported only when a property is close to it as a whole: the
		// platform's variables, such as IDENTITY_ENDPOINT, may end like a property
		List<String> suggestions = (closest != null) ? List.of(display(closest.elements(), name.variable()))
				: (name.variable() ? List.of() : lastElementMatches(name));
		if (name.variable() && suggestions.isEmpty()) {
			return null;
		}
		String did = suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?";
		String reason = (name.variable() ? "is not an environment variable" : "is not a property")
				+ " of the Microsoft Entra ID starter" + did + name.location();
		String action = (suggestions.size() == 1) ? "Rename it to " + suggestions.get(0) + "."
				: (suggestions.isEmpty() ? "Remove it. The identity.* properties are listed in the property reference,"
						+ " https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/reference/properties.md,"
						+ " and, from the starter's configuration metadata, in your IDE."
						: "Rename it to the property you meant.");
		return new InvalidIdentityProperty(name.display(), reason, action, Concern.UNKNOWN_PROPERTY);
	}

	// The cheapest way to read the name from the given element on as a known name, with
	// at most one element corrected (its edit distance is the cost), or null
	private static @Nullable Reading read(Node node, FoundName name, int index, boolean corrected) {
		if (index == name.size()) {
			return new Reading(0, List.of());
		}
		if (node instanceof MapNode map) {
			Reading rest = read(map.value(), name, index + 1, corrected);
			return (rest != null) ? rest.after(name.original(index)) : null;
		}
		if (node instanceof ListNode list) {
			if (!name.isIndex(index)) {
				return null;
			}
			Reading rest = read(list.element(), name, index + 1, corrected);
			return (rest != null) ? rest.after("[" + name.original(index) + "]") : null;
		}
		if (!(node instanceof BeanNode bean)) {
			return null;
		}
		Reading best = null;
		// An environment variable may write the dashes of a name as underscores, which
		// split the name: IDENTITY_CLIENT_SECRET is identity.client.secret
		int last = name.variable() ? name.size() : index + 1;
		for (int end = index + 1; end <= last; end++) {
			String word = name.uniform(index, end);
			for (Property property : bean.properties().values()) {
				int distance = word.equals(property.uniform()) ? 0
						: (corrected ? -1 : distance(word, property.uniform()));
				if (distance < 0) {
					continue;
				}
				Reading rest = read(property.node(), name, end, corrected || distance > 0);
				if (rest != null && (best == null || distance + rest.cost() < best.cost())) {
					best = rest.after(property.name()).plus(distance);
				}
			}
		}
		return best;
	}

	// The edit distance of two uniform names when they are close enough to be a typo, -1
	// otherwise
	private static int distance(String word, String known) {
		int length = Math.max(word.length(), known.length());
		int allowed = Math.max(1, Math.min(3, length / 4));
		if (Math.abs(word.length() - known.length()) > allowed) {
			return -1;
		}
		int[] previous = new int[known.length() + 1];
		int[] current = new int[known.length() + 1];
		for (int j = 0; j <= known.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= word.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= known.length(); j++) {
				int substitution = previous[j - 1] + ((word.charAt(i - 1) == known.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		int distance = previous[known.length()];
		return (distance <= allowed) ? distance : -1;
	}

	// Known names whose last element is the name's last one: identity.connect-timeout is
	// identity.http.connect-timeout
	private List<String> lastElementMatches(FoundName name) {
		String last = name.uniform(name.size() - 1, name.size());
		List<List<String>> matches = new ArrayList<>();
		collectLeaves(this.root, new ArrayList<>(), (path, property) -> {
			if (property.uniform().equals(last) && matches.size() < MAX_SUGGESTIONS) {
				matches.add(List.copyOf(path));
			}
		});
		return matches.stream().map((path) -> display(path, name.variable())).toList();
	}

	private static void collectLeaves(Node node, List<String> path, LeafVisitor visitor) {
		if (node instanceof BeanNode bean) {
			for (Property property : bean.properties().values()) {
				path.add(property.name());
				if (property.node() instanceof BeanNode) {
					collectLeaves(property.node(), path, visitor);
				}
				else {
					visitor.visit(path, property);
				}
				path.remove(path.size() - 1);
			}
		}
	}

	private static String display(List<String> elements, boolean variable) {
		StringBuilder property = new StringBuilder(PREFIX);
		for (String element : elements) {
			property.append(element.startsWith("[") ? "" : ".").append(element);
		}
		if (!variable) {
			return property.toString();
		}
		// The form of the variable that Spring Boot binds to the property
		String variableName = property.toString()
			.replace("-", "")
			.replace("[", ".")
			.replace("]", "")
			.replace('.', '_')
			.toUpperCase(Locale.ROOT);
		return variableName + " (" + property + ")";
	}

	/**
	 * Read what the starter knows: the properties classes that the configuration metadata
	 * generated for this module lists as groups under {@code identity} (and the single
	 * properties it lists there), each read as the binder reads it.
	 * @param metadata the configuration metadata of this module
	 * @param classLoader the class loader of the properties classes
	 * @return the known names, or {@code null} if the metadata lists none, so that
	 * nothing is reported rather than every property
	 */
	private static @Nullable UnknownIdentityProperties load(IdentityMetadata metadata, ClassLoader classLoader) {
		BeanNode root = new BeanNode(new LinkedHashMap<>());
		// Outer groups first, so that a group bound on its own (identity.cache.redis) is
		// added to the classes of the group around it (identity)
		List<Map<?, ?>> groups = new ArrayList<>(metadata.groups());
		groups.sort(Comparator.comparing((group) -> String.valueOf(group.get("name")).length()));
		for (Map<?, ?> group : groups) {
			String name = (String) group.get("name");
			Object type = group.get("type");
			if (group.get("sourceMethod") == null && type instanceof String typeName
					&& ClassUtils.isPresent(typeName, classLoader)) {
				Node node = node(ResolvableType.forClass(ClassUtils.resolveClassName(typeName, classLoader)));
				graft(root, name, node);
			}
		}
		for (String name : metadata.propertyTypes().keySet()) {
			if (!name.equals(PREFIX)) {
				graft(root, name, null);
			}
		}
		return root.properties().isEmpty() ? null : new UnknownIdentityProperties(root);
	}

	// Add the node at the given name, creating the beans on the way; null adds a single
	// property where nothing is known yet
	private static void graft(BeanNode root, String name, @Nullable Node node) {
		ConfigurationPropertyName elements = ConfigurationPropertyName.of(name);
		if (elements.getNumberOfElements() == 1) {
			if (node instanceof BeanNode bean) {
				root.properties().putAll(bean.properties());
			}
			return;
		}
		BeanNode parent = root;
		for (int i = 1; i < elements.getNumberOfElements() - 1; i++) {
			String element = elements.getElement(i, Form.DASHED);
			Property existing = parent.properties().get(uniform(element));
			if (existing == null) {
				existing = new Property(element, new BeanNode(new LinkedHashMap<>()));
				parent.properties().put(uniform(element), existing);
			}
			if (!(existing.node() instanceof BeanNode next)) {
				return;
			}
			parent = next;
		}
		String last = elements.getLastElement(Form.DASHED);
		if (node != null) {
			parent.properties().put(uniform(last), new Property(last, node));
		}
		else {
			parent.properties().putIfAbsent(uniform(last), new Property(last, LeafNode.LEAF));
		}
	}

	// What a value of the given type may be bound from, as the binder reads the
	// properties classes: maps and collections by key and index, classes of this project
	// by their JavaBean properties, everything else (strings, numbers, durations, paths,
	// enums) as a single value
	private static Node node(ResolvableType type) {
		Class<?> resolved = type.resolve(Object.class);
		if (Map.class.isAssignableFrom(resolved)) {
			return new MapNode(node(type.asMap().getGeneric(1)));
		}
		if (Collection.class.isAssignableFrom(resolved)) {
			return new ListNode(node(type.asCollection().getGeneric(0)));
		}
		if (resolved.isArray()) {
			return new ListNode(node(type.getComponentType()));
		}
		if (resolved.isEnum() || !resolved.getName().startsWith("io.github.entraidentity.")) {
			return LeafNode.LEAF;
		}
		Map<String, Property> properties = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(resolved)) {
			if (descriptor.getName().equals("class")) {
				continue;
			}
			ResolvableType propertyType = (descriptor.getReadMethod() != null)
					? ResolvableType.forMethodReturnType(descriptor.getReadMethod(), resolved)
					: ResolvableType.forMethodParameter(descriptor.getWriteMethod(), 0, resolved);
			Node property = node(propertyType);
			// Without a setter the binder binds into the value the getter returns, which
			// a single value cannot take
			if (descriptor.getWriteMethod() != null || !(property instanceof LeafNode)) {
				String name = DataObjectPropertyName.toDashedForm(descriptor.getName());
				properties.put(uniform(name), new Property(name, property));
			}
		}
		return new BeanNode(properties);
	}

	private static String uniform(String element) {
		return ConfigurationPropertyName.of(element).getElement(0, Form.UNIFORM);
	}

	/**
	 * What a name may continue with.
	 */
	private sealed interface Node permits BeanNode, MapNode, ListNode, LeafNode {

	}

	/**
	 * The properties of a class, by their uniform name.
	 *
	 * @param properties the properties
	 */
	private record BeanNode(Map<String, Property> properties) implements Node {

	}

	/**
	 * A property of a class.
	 *
	 * @param name its name in dashed form
	 * @param node what it may continue with
	 */
	private record Property(String name, Node node) {

		String uniform() {
			return UnknownIdentityProperties.uniform(this.name);
		}

	}

	/**
	 * A map, whose keys are one element.
	 *
	 * @param value what a key may continue with
	 */
	private record MapNode(Node value) implements Node {

	}

	/**
	 * A list or array, continued by an index or not at all.
	 *
	 * @param element what an index may continue with
	 */
	private record ListNode(Node element) implements Node {

	}

	/**
	 * A single value, which ends a name.
	 */
	private enum LeafNode implements Node {

		LEAF

	}

	@FunctionalInterface
	private interface LeafVisitor {

		void visit(List<String> path, Property property);

	}

	/**
	 * A way to read a name as a known one.
	 *
	 * @param cost the edit distance of the element it corrects, 0 if the name is known
	 * @param elements the known name's elements after {@code identity}
	 */
	private record Reading(int cost, List<String> elements) {

		Reading after(String element) {
			List<String> elements = new ArrayList<>();
			elements.add(element);
			elements.addAll(this.elements);
			return new Reading(this.cost, elements);
		}

		Reading plus(int cost) {
			return new Reading(this.cost + cost, this.elements);
		}

	}

	/**
	 * A name found under {@code identity} in a property source.
	 *
	 * @param name the name, as the binder reads it
	 * @param display the name as it was written, such as {@code identity.clientScret} or
	 * {@code IDENTITY_CLIENT_SCRET}
	 * @param location where it was set, or empty
	 * @param variable whether it is an environment variable
	 */
	private record FoundName(ConfigurationPropertyName name, String display, String location, boolean variable) {

		static FoundName of(ConfigurationPropertySource source, ConfigurationPropertyName name, boolean variable) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			Origin origin = (property != null) ? property.getOrigin() : null;
			String display = name.toString();
			String location = "";
			if (origin instanceof PropertySourceOrigin propertySourceOrigin) {
				display = propertySourceOrigin.getPropertyName();
				if (propertySourceOrigin.getOrigin() != null && !variable) {
					location = " (" + propertySourceOrigin.getOrigin() + ")";
				}
			}
			return new FoundName(name, display, location, variable);
		}

		int size() {
			return this.name.getNumberOfElements();
		}

		String original(int index) {
			return this.name.getElement(index, Form.ORIGINAL);
		}

		boolean isIndex(int index) {
			return this.name.isNumericIndex(index);
		}

		// The elements from start to end (exclusive) as one uniform name
		String uniform(int start, int end) {
			StringBuilder uniform = new StringBuilder();
			for (int i = start; i < end; i++) {
				uniform.append(this.name.getElement(i, Form.UNIFORM));
			}
			return uniform.toString();
		}

	}

}
