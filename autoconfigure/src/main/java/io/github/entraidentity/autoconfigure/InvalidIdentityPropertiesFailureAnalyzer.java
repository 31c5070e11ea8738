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

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.Concern;
import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports each offending {@code identity.*} property, why it is wrong and what to do,
 * under a heading that says what the problems concern: a credential, the tokens of HTTP
 * service groups, the shared token cache, unknown properties or several of them. Turning
 * the credential off ({@code identity.enabled=false}) is offered only when every problem
 * is one of the unnamed credential, the one an application may not have meant to
 * configure.
 *
 * @author Entra Identity contributors
 */
class InvalidIdentityPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIdentityPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidIdentityPropertiesException cause) {
		List<InvalidIdentityProperty> problems = cause.problems();
		StringBuilder description = new StringBuilder(heading(problems)).append(":\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (InvalidIdentityProperty problem : problems) {
			description.append(String.format("%n    Property: %s%n    Reason: %s%n", problem.name(), problem.reason()));
			action.append(String.format("%n    %s: %s", problem.name(), problem.action()));
		}
		if (problems.stream().allMatch(InvalidIdentityPropertiesFailureAnalyzer::isOfTheUnnamedCredential)) {
			action.append(String.format("%n%nIf the application should not use a Microsoft Entra ID credential,"
					+ " set identity.enabled=false to turn it off."));
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static String heading(List<InvalidIdentityProperty> problems) {
		Set<Concern> concerns = EnumSet.noneOf(Concern.class);
		problems.forEach((problem) -> concerns.add(problem.concern()));
		if (concerns.size() > 1) {
			return "The Microsoft Entra ID configuration (identity.*) has " + problems.size() + " problems";
		}
		return switch (concerns.iterator().next()) {
			case CREDENTIAL ->
				(problems.stream().map(InvalidIdentityPropertiesFailureAnalyzer::credential).distinct().count() > 1)
						? "The Microsoft Entra ID credentials could not be configured"
						: "The Microsoft Entra ID credential could not be configured";
			case SERVICE_CLIENT ->
				"The bearer tokens of HTTP service groups (identity.service-clients) could not be configured";
			case SHARED_CACHE -> "The token cache shared through Redis (identity.cache.redis) could not be configured";
			case UNKNOWN_PROPERTY -> "The configuration names identity.* properties that do not exist";
		};
	}

	private static boolean isOfTheUnnamedCredential(InvalidIdentityProperty problem) {
		return problem.concern() == Concern.CREDENTIAL && credential(problem).isEmpty();
	}

	// The name of the named credential a problem is about, empty for the unnamed one
	private static String credential(InvalidIdentityProperty problem) {
		String named = NamedCredentials.PROPERTY + ".";
		if (!problem.name().startsWith(named)) {
			return "";
		}
		String rest = problem.name().substring(named.length());
		int end = rest.indexOf('.');
		return (end >= 0) ? rest.substring(0, end) : rest;
	}

}
