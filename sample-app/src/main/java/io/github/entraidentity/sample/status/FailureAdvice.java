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

package io.github.entraidentity.sample.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.TokenTransportException;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong with a token request and what to do about it, in words for the person
 * reading the status page.
 *
 * @param title a short title, such as {@code invalid_client (AADSTS7000215)}
 * @param description what Entra (or the transport) said, without trace details
 * @param action what to do about it
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public record FailureAdvice(String title, String description, String action) {

	private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

	/**
	 * Explain a token request failure.
	 * @param failure the failure
	 * @return the advice
	 */
	public static FailureAdvice of(Throwable failure) {
		if (failure instanceof ClientAuthenticationException authentication) {
			Long code = aadstsCode(authentication);
			String description = withoutTraceDetails((authentication.errorDescription() != null)
					? authentication.errorDescription() : String.valueOf(authentication.getMessage()));
			String title = ((authentication.error() != null) ? authentication.error() : "authentication failed")
					+ ((code != null) ? " (AADSTS" + code + ")" : "");
			return new FailureAdvice(title, description, action(code));
		}
		if (failure instanceof TokenTransportException transport) {
			return new FailureAdvice("cannot reach " + transport.host() + " (" + transport.kind().tag() + ")",
					String.valueOf(transport.getMessage()),
					"Check the network path to the authority: proxy settings (identity.proxy.*), firewall, DNS and"
							+ " TLS trust (identity.ssl.bundle). Transient failures are retried automatically.");
		}
		return new FailureAdvice(failure.getClass().getSimpleName(), String.valueOf(failure.getMessage()),
				"Check the identity.* settings; the application log has the full stack trace.");
	}

	private static @Nullable Long aadstsCode(ClientAuthenticationException exception) {
		List<Long> codes = exception.errorCodes();
		if (!codes.isEmpty()) {
			return codes.get(0);
		}
		Matcher matcher = AADSTS.matcher(String.valueOf(exception.errorDescription()));
		return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
	}

	private static String action(@Nullable Long code) {
		if (code == null) {
			return "Check the identity.* settings against the app registration in the Microsoft Entra admin center.";
		}
		return switch (code.intValue()) {
			case 7000215 -> "The client secret is wrong. Use the secret's Value (shown once, when the secret is"
					+ " created), not its Secret ID, and set it as AZURE_CLIENT_SECRET or identity.client-secret.";
			case 7000222 -> "The client secret has expired. Create a new secret under Certificates & secrets and"
					+ " set its Value as AZURE_CLIENT_SECRET or identity.client-secret.";
			case 7000216 -> "No client secret was sent. Set AZURE_CLIENT_SECRET or identity.client-secret.";
			case 700016 -> "This client id is not an application in the tenant. Copy the Application (client) ID"
					+ " from the app registration's Overview into AZURE_CLIENT_ID or identity.client-id, and check"
					+ " that AZURE_TENANT_ID is the tenant the app is registered in.";
			case 90002 -> "The tenant does not exist in this cloud. Copy the Directory (tenant) ID into"
					+ " AZURE_TENANT_ID or identity.tenant-id; for a national cloud also set AZURE_AUTHORITY_HOST.";
			case 70011, 1002012 -> "Client credentials need exactly one scope of the form <resource>/.default,"
					+ " for example https://graph.microsoft.com/.default. Set sample.scope.";
			case 500011 -> "The scope's resource is not known in this tenant. Check sample.scope (the resource's"
					+ " Application ID URI followed by /.default) and that the API is registered in the tenant.";
			default -> "Look the code up at https://login.microsoftonline.com/error?code=" + code
					+ " and check the identity.* settings.";
		};
	}

	private static String withoutTraceDetails(String description) {
		int trace = description.indexOf("Trace ID:");
		return ((trace > 0) ? description.substring(0, trace) : description).strip();
	}

}
