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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds types of internal packages (any package with an {@code internal} segment) in the
 * public signatures of a module's API: what a user can see of a public type outside such
 * a package (its supertypes, and the types of its public and protected fields, methods
 * and constructors, generic arguments included) must never name an internal type.
 *
 * @author Entra Identity contributors
 */
public final class PublicSignatures {

	private PublicSignatures() {
	}

	/**
	 * Return every place where a public signature of the module that holds the given
	 * class names an internal type.
	 * @param moduleClass any class of the module, to find its compiled classes
	 * @return the violations, one line each, empty when there are none
	 */
	public static List<String> internalTypesIn(Class<?> moduleClass) {
		List<String> violations = new ArrayList<>();
		for (Class<?> type : classesOf(moduleClass)) {
			if (!isInternal(type) && isVisible(type)) {
				check(type, violations);
			}
		}
		return violations;
	}

	private static void check(Class<?> type, List<String> violations) {
		name(type, "extends", type.getGenericSuperclass(), violations);
		for (Type implemented : type.getGenericInterfaces()) {
			name(type, "implements", implemented, violations);
		}
		for (Field field : type.getDeclaredFields()) {
			if (isVisible(field.getModifiers())) {
				name(type, "field " + field.getName(), field.getGenericType(), violations);
			}
		}
		for (Method method : type.getDeclaredMethods()) {
			if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
				name(type, "method " + method.getName(), method.getGenericReturnType(), violations);
				parameters(type, method, violations);
			}
		}
		for (Constructor<?> constructor : type.getDeclaredConstructors()) {
			if (isVisible(constructor.getModifiers()) && !constructor.isSynthetic()) {
				parameters(type, constructor, violations);
			}
		}
	}

	private static void parameters(Class<?> type, Executable executable, List<String> violations) {
		String where = ((executable instanceof Constructor) ? "constructor" : "method " + executable.getName());
		for (Type parameter : executable.getGenericParameterTypes()) {
			name(type, where, parameter, violations);
		}
		for (Type thrown : executable.getGenericExceptionTypes()) {
			name(type, where, thrown, violations);
		}
	}

	private static void name(Class<?> owner, String where, Type type, List<String> violations) {
		if (type == null) {
			return;
		}
		if (type instanceof Class<?> named) {
			Class<?> component = named;
			while (component.isArray()) {
				component = component.getComponentType();
			}
			if (isInternal(component)) {
				violations.add(owner.getName() + " " + where + ": " + component.getName());
			}
		}
		else if (type instanceof ParameterizedType parameterized) {
			name(owner, where, parameterized.getRawType(), violations);
			for (Type argument : parameterized.getActualTypeArguments()) {
				name(owner, where, argument, violations);
			}
		}
		else if (type instanceof GenericArrayType array) {
			name(owner, where, array.getGenericComponentType(), violations);
		}
		else if (type instanceof WildcardType wildcard) {
			Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
				.forEach((bound) -> name(owner, where, bound, violations));
		}
		else if (type instanceof TypeVariable<?> variable) {
			for (Type bound : variable.getBounds()) {
				if (!(bound instanceof ParameterizedType parameterized && parameterized.getRawType() == owner)) {
					name(owner, where, bound, violations);
				}
			}
		}
	}

	private static boolean isInternal(Class<?> type) {
		String packageName = type.getPackageName();
		return packageName.endsWith(".internal") || packageName.contains(".internal.");
	}

	private static boolean isVisible(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
			if (!Modifier.isPublic(current.getModifiers())) {
				return false;
			}
		}
		return !type.isAnonymousClass() && !type.isSynthetic();
	}

	private static boolean isVisible(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static List<Class<?>> classesOf(Class<?> moduleClass) {
		try {
			Path root = Path.of(moduleClass.getProtectionDomain().getCodeSource().getLocation().toURI());
			try (Stream<Path> files = Files.walk(root)) {
				return files.filter((file) -> file.toString().endsWith(".class"))
					.map((file) -> root.relativize(file).toString())
					.filter((name) -> !name.endsWith("package-info.class") && !name.endsWith("module-info.class"))
					.map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
					.<Class<?>>map((name) -> load(name, moduleClass.getClassLoader()))
					.toList();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Class<?> load(String name, ClassLoader loader) {
		try {
			return Class.forName(name, false, loader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
