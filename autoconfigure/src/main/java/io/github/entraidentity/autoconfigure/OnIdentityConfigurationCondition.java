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

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the environment may configure anything of the starter (see
 * {@link IdentityPropertySources#mayConfigureIdentity}): the gate of what only a
 * configuration needs, the bound properties, the credential factory and the configuration
 * check.
 *
 * @author Entra Identity contributors
 */
class OnIdentityConfigurationCondition extends SpringBootCondition {

	static final String NOTHING_SET = "no identity.* property and no AZURE_CLIENT_ID is set";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Entra ID configuration");
		if (IdentityPropertySources.mayConfigureIdentity(context.getEnvironment())) {
			return ConditionOutcome.match(message.because("an identity.* property or AZURE_CLIENT_ID may be set"));
		}
		return ConditionOutcome.noMatch(message.because(NOTHING_SET));
	}

}
