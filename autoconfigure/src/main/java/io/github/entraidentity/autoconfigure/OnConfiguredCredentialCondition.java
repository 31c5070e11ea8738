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
 * Matches when the unnamed credential is configured by some {@link CredentialType}: one
 * of its {@code identity.*} properties is set, or all of its {@code AZURE_*} environment
 * variables are (for a client secret: {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}
 * and {@code AZURE_CLIENT_SECRET}; a lone {@code AZURE_CLIENT_ID}, as set for managed
 * identities, does not match).
 *
 * @author Entra Identity contributors
 */
class OnConfiguredCredentialCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Entra ID credential");
		// Asked first so that, with nothing configured, no credential type's class loads
		if (!IdentityPropertySources.mayConfigureIdentity(context.getEnvironment())) {
			return ConditionOutcome.noMatch(message.because(OnIdentityConfigurationCondition.NOTHING_SET));
		}
		CredentialType type = CredentialType.configuredUnnamed(context.getEnvironment());
		if (type != null) {
			return ConditionOutcome.match(message.because("a " + type.description() + " credential is configured"));
		}
		return ConditionOutcome.noMatch(message.because("none of "
				+ CredentialType.all().stream().map(CredentialType::describeConfiguration).toList() + " is set"));
	}

}
