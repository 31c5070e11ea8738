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
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a property is set under {@code identity.service-clients}, in any relaxed
 * form: without one no HTTP service group gets a token, and the auto-configuration that
 * gives them one would only cost startup time.
 *
 * @author Entra Identity contributors
 */
class OnServiceClientsCondition extends SpringBootCondition {

	private static final ConfigurationPropertyName SERVICE_CLIENTS = ConfigurationPropertyName
		.of("identity.service-clients");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Entra ID service clients");
		if (IdentityPropertySources.mayBeSetUnder(context.getEnvironment(), SERVICE_CLIENTS)) {
			return ConditionOutcome.match(message.because(SERVICE_CLIENTS + ".* is set"));
		}
		return ConditionOutcome.noMatch(message.because("no " + SERVICE_CLIENTS + ".* is set"));
	}

}
