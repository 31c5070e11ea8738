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

import io.github.entraidentity.autoconfigure.InvalidIdentityPropertiesException.InvalidIdentityProperty;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports each offending {@code identity.*} property, why it is wrong and what to do.
 *
 * @author Entra Identity contributors
 */
class InvalidIdentityPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIdentityPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidIdentityPropertiesException cause) {
		StringBuilder description = new StringBuilder("The Microsoft Entra ID credential could not be configured:\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (InvalidIdentityProperty problem : cause.problems()) {
			description.append(String.format("%n    Property: %s%n    Reason: %s%n", problem.name(), problem.reason()));
			action.append(String.format("%n    %s: %s", problem.name(), problem.action()));
		}
		action.append(String.format("%n%nSet identity.enabled=false to turn the credential off."));
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
