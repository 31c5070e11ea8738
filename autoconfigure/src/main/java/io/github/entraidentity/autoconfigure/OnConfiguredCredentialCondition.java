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
 * Matches when a credential is configured: an {@code identity.tenant-id},
 * {@code identity.client-id}, {@code identity.client-secret},
 * {@code identity.client-secret-file} or {@code identity.client-secrets} property is set,
 * or all of {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and
 * {@code AZURE_CLIENT_SECRET} are. A lone {@code AZURE_CLIENT_ID}, as set for managed
 * identities, does not match.
 *
 * @author Entra Identity contributors
 */
class OnConfiguredCredentialCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Entra ID client-secret credential");
		if (ConfiguredCredential.isConfigured(context.getEnvironment())) {
			return ConditionOutcome.match(message.because("identity credential properties or all of "
					+ "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are set"));
		}
		return ConditionOutcome.noMatch(message.because("neither identity.tenant-id, identity.client-id, "
				+ "identity.client-secret, identity.client-secret-file, identity.client-secrets nor all of AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are set"));
	}

}
