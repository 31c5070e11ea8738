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

package io.github.entraidentity.credential;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the credential usable without Spring Boot: the package may use Reactor, Spring
 * WebFlux and Jackson, but nothing from Spring Boot.
 */
class CredentialPackageArchitectureTests {

	private final JavaClasses credentialClasses = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.entraidentity.credential");

	@Test
	void credentialPackageDoesNotDependOnSpringBoot() {
		noClasses().that()
			.resideInAPackage("io.github.entraidentity.credential..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("the credential must work in any Reactor application, Spring Boot or not")
			.check(this.credentialClasses);
	}

	@Test
	void credentialPackageDoesNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("io.github.entraidentity.credential..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.entraidentity.autoconfigure..")
			.because("Boot glue depends on the credential, never the other way round")
			.check(this.credentialClasses);
	}

}
