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

package io.github.entraidentity.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientAuthenticationException;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.TestCredentials;
import io.github.entraidentity.credential.TokenRequestContext;
import io.github.entraidentity.reliability.ReliabilityReport.Section;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed input: each row either fails before any I/O with an error that
 * names the argument, or is sent correctly encoded to exactly
 * {@code /{tenant}/oauth2/v2.0/token}.
 */
@ExtendWith(ReliabilityReportExtension.class)
class HostileInputTests {

	static final String SECRET = "hostile-Secret~Value.9";

	static final String TENANT = "tenant-ok";

	static final String CLIENT = "client-ok";

	static final String SCOPE = "api://hostile/.default";

	static final String EVERY_SPECIAL_CHARACTER = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00e4\u20ac\ud83d\ude00";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private static final List<String> names = new ArrayList<>();

	@BeforeEach
	void stubEveryPath() {
		entra.stubFor(any(anyUrl()).willReturn(TokenResponses.token("hostile-token", 3600)));
	}

	static Stream<HostileInput> inputs() {
		List<HostileInput> rows = new ArrayList<>();
		// Tenant ids
		for (String[] tenant : new String[][] { { "with '/'", "tenant/../../evil" }, { "with '..'", "..%2F.." },
				{ "with '?'", "tenant?x=1" }, { "with '#'", "tenant#fragment" }, { "with '%2F'", "tenant%2Fevil" },
				{ "with a space", "ten ant" }, { "with unicode", "ten\u00e4nt" },
				{ "of 1,000 characters", "a".repeat(1000) }, { "with a NUL character", "tenant\u0000" },
				{ "with a newline inside", "ten\nant" } }) {
			rows.add(rejected("tenant id " + tenant[0], (valid) -> valid.tenantId(tenant[1]).build().getToken(SCOPE),
					IllegalArgumentException.class, "tenantId"));
		}
		rows.add(rejected("tenant id empty", (valid) -> valid.tenantId("").build().getToken(SCOPE),
				IllegalArgumentException.class, "tenantId"));
		rows.add(rejected("tenant id blank", (valid) -> valid.tenantId("   ").build().getToken(SCOPE),
				IllegalArgumentException.class, "tenantId"));
		rows.add(sent("tenant id with surrounding whitespace (stripped)",
				(valid) -> valid.tenantId("  tenant-ok\n").build().getToken(SCOPE), TENANT, Map.of()));
		rows.add(sent("tenant id that is a domain name",
				(valid) -> valid.tenantId("contoso.onmicrosoft.com").build().getToken(SCOPE), "contoso.onmicrosoft.com",
				Map.of()));
		rows.add(rejected("request tenant with '/' (any tenant allowed)",
				(valid) -> anyTenant(valid).getToken(TokenRequestContext.of(SCOPE).withTenantId("other/evil")),
				IllegalArgumentException.class, "tenantId"));
		rows.add(rejected("request tenant with '..' (any tenant allowed)",
				(valid) -> anyTenant(valid).getToken(TokenRequestContext.of(SCOPE).withTenantId("..")),
				IllegalArgumentException.class, "tenantId"));
		rows.add(rejected("request tenant not in additionally allowed tenants",
				(valid) -> valid.build().getToken(TokenRequestContext.of(SCOPE).withTenantId("other-tenant")),
				ClientAuthenticationException.class, "other-tenant"));
		rows.add(sent("request tenant allowed by '*'",
				(valid) -> anyTenant(valid).getToken(TokenRequestContext.of(SCOPE).withTenantId("other-tenant")),
				"other-tenant", Map.of()));
		// Scopes
		rows.add(
				rejected("scopes: none", (valid) -> valid.build().getToken(), IllegalArgumentException.class, "scope"));
		rows.add(rejected("scope empty", (valid) -> valid.build().getToken(""), IllegalArgumentException.class,
				"scope"));
		rows.add(rejected("scope blank", (valid) -> valid.build().getToken("  "), IllegalArgumentException.class,
				"scope"));
		rows.add(rejected("scope null", (valid) -> valid.build().getToken((String) null),
				IllegalArgumentException.class, "scope"));
		rows.add(sentScope("scope with a newline", "api://x/.default\nHost: evil.example"));
		rows.add(sentScope("scope with '&' and '=' (form injection)", "api://x/.default&client_secret=stolen&x="));
		rows.add(sentScope("scope with '+', '%20' and '='", "api://x+y/.default?a=%20b"));
		rows.add(sentScope("scope with unicode", "api://\u00fcn\u00efc\u00f6d\u00e9/.default"));
		rows.add(sent("two scopes", (valid) -> valid.build().getToken("api://a/.default", "api://b/.default"), TENANT,
				Map.of("scope", "api://a/.default api://b/.default")));
		// Claims
		rows.add(rejectedClaims("claims not JSON", "not json at all"));
		rows.add(rejectedClaims("claims JSON array", "[1,2,3]"));
		rows.add(rejectedClaims("claims JSON string", "\"text\""));
		rows.add(rejectedClaims("claims JSON null", "null"));
		rows.add(rejectedClaims("claims of 20,000 characters",
				"{\"access_token\":{\"x\":\"" + "y".repeat(20_000) + "\"}}"));
		rows.add(rejected("claims with CAE and access_token not an object",
				(valid) -> valid.build()
					.getToken(TokenRequestContext.of(SCOPE).withCaeEnabled(true).withClaims("{\"access_token\":1}")),
				IllegalArgumentException.class, "claims"));
		String trickyClaims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1&scope=evil=\\n\"}}}";
		rows.add(sent("claims with '&', '=' and an escaped newline in a value",
				(valid) -> valid.build().getToken(TokenRequestContext.of(SCOPE).withClaims(trickyClaims)), TENANT,
				Map.of("claims", trickyClaims)));
		// Authorities
		rows.add(rejectedAuthority("authority with user info", "https://user:authority-password@login.example.com"));
		rows.add(rejectedAuthority("authority with a query", "https://login.example.com?x=1"));
		rows.add(rejectedAuthority("authority with a fragment", "https://login.example.com#x"));
		rows.add(rejectedAuthority("authority with file: scheme", "file:///etc/passwd"));
		rows.add(rejectedAuthority("authority with javascript: scheme", "javascript:alert(1)"));
		rows.add(rejectedAuthority("authority with ftp: scheme", "ftp://login.example.com"));
		rows.add(rejectedAuthority("authority http to a remote host", "http://login.example.com"));
		rows.add(rejectedAuthority("authority empty", ""));
		rows.add(rejectedAuthority("authority without host", "https://"));
		rows.add(rejectedAuthority("authority with port 70000", "https://login.example.com:70000"));
		rows.add(rejectedAuthority("authority with port 0", "https://login.example.com:0"));
		rows.add(sent("authority without scheme (https assumed)",
				(valid) -> valid.authority("localhost:" + entra.getRuntimeInfo().getHttpsPort())
					.build()
					.getToken(SCOPE),
				TENANT, Map.of()));
		rows.add(sent("authority with trailing slashes",
				(valid) -> valid.authority(entra.getRuntimeInfo().getHttpsBaseUrl() + "//").build().getToken(SCOPE),
				TENANT, Map.of()));
		// Additionally allowed tenants
		rows.add(rejectedAllowed("additionally allowed tenants with '/'", Arrays.asList("good-tenant", "bad/tenant")));
		rows.add(rejectedAllowed("additionally allowed tenants with '..'", List.of("..")));
		rows.add(rejectedAllowed("additionally allowed tenants with an empty entry", List.of("")));
		rows.add(rejectedAllowed("additionally allowed tenants with unicode", List.of("ten\u00e4nt")));
		rows.add(rejected("additionally allowed tenants with null",
				(valid) -> valid.additionallyAllowedTenants(Arrays.asList("good-tenant", null)).build().getToken(SCOPE),
				NullPointerException.class, "additionallyAllowedTenants"));
		// Secrets and client ids
		rows.add(sent("secret with every special character",
				(valid) -> valid.clientSecret(EVERY_SPECIAL_CHARACTER.strip() + "x").build().getToken(SCOPE), TENANT,
				Map.of("client_secret", EVERY_SPECIAL_CHARACTER.strip() + "x")));
		rows.add(sent("secret with a newline and '&' inside",
				(valid) -> valid.clientSecret("line1\nline2&grant_type=x").build().getToken(SCOPE), TENANT,
				Map.of("client_secret", "line1\nline2&grant_type=x")));
		rows.add(sent("secret with surrounding whitespace (stripped)",
				(valid) -> valid.clientSecret("  " + SECRET + "\n").build().getToken(SCOPE), TENANT, Map.of()));
		rows.add(rejected("secret blank", (valid) -> valid.clientSecret(" \t ").build().getToken(SCOPE),
				IllegalArgumentException.class, "clientSecret"));
		rows.add(sent("client id with '&' and '='",
				(valid) -> valid.clientId("client&scope=evil").build().getToken(SCOPE), TENANT,
				Map.of("client_id", "client&scope=evil")));
		rows.add(rejected("client id blank", (valid) -> valid.clientId("").build().getToken(SCOPE),
				IllegalArgumentException.class, "clientId"));
		rows.forEach((row) -> names.add(row.name()));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("inputs")
	void hostileInputIsRejectedBeforeAnyRequestOrSentCorrectlyEncoded(HostileInput input) {
		entra.resetRequests();
		Object result = attempt(input);
		List<LoggedRequest> requests = entra
			.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
		String outcome;
		if (input.rejectedWith() != null) {
			assertThat(result).as("the error").isInstanceOf(input.rejectedWith());
			String message = ((Throwable) result).getMessage();
			assertThat(message).as("the error names the argument").containsIgnoringCase(input.named());
			assertThat(message).as("the error does not echo a secret")
				.doesNotContain(SECRET)
				.doesNotContain("authority-password");
			assertThat(requests).as("requests sent for invalid input").isEmpty();
			outcome = "rejected before any I/O: " + input.rejectedWith().getSimpleName() + " naming '" + input.named()
					+ "'";
		}
		else {
			assertThat(result).as("the token").isInstanceOf(AccessToken.class);
			assertThat(requests).as("requests").hasSize(1);
			LoggedRequest request = requests.get(0);
			assertThat(request.getUrl()).isEqualTo("/" + input.tenant() + "/oauth2/v2.0/token");
			Map<String, String> expected = new LinkedHashMap<>();
			expected.put("client_id", CLIENT);
			expected.put("client_secret", SECRET);
			expected.put("grant_type", "client_credentials");
			expected.put("scope", SCOPE);
			expected.putAll(input.fields());
			assertThat(TestCredentials.form(request)).as("form fields as decoded by the server")
				.containsExactlyInAnyOrderEntriesOf(expected);
			outcome = "sent to exactly /" + abbreviate(input.tenant()) + "/oauth2/v2.0/token; the form decodes to"
					+ " exactly the given values (" + expected.size() + " fields)";
		}
		ReliabilityReport.record(Section.INPUT, names.indexOf(input.name()), input.name(), outcome,
				String.valueOf(requests.size()), Outcomes.message(result));
	}

	private static Object attempt(HostileInput input) {
		try {
			ClientSecretCredential.Builder valid = TestCredentials.builder(entra)
				.tenantId(TENANT)
				.clientId(CLIENT)
				.clientSecret(SECRET);
			return input.attempt().run(valid).block(Duration.ofSeconds(30));
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
	}

	private static ClientSecretCredential anyTenant(ClientSecretCredential.Builder valid) {
		return valid.additionallyAllowedTenants(List.of("*")).build();
	}

	private static HostileInput rejected(String name, Attempt attempt, Class<? extends RuntimeException> type,
			String named) {
		return new HostileInput(name, attempt, type, named, null, Map.of());
	}

	private static HostileInput rejectedClaims(String name, String claims) {
		return rejected(name, (valid) -> valid.build().getToken(TokenRequestContext.of(SCOPE).withClaims(claims)),
				IllegalArgumentException.class, "claims");
	}

	private static HostileInput rejectedAuthority(String name, String authority) {
		return rejected(name, (valid) -> valid.authority(authority).build().getToken(SCOPE),
				IllegalArgumentException.class, "authority");
	}

	private static HostileInput rejectedAllowed(String name, List<String> tenants) {
		return rejected(name, (valid) -> valid.additionallyAllowedTenants(tenants).build().getToken(SCOPE),
				IllegalArgumentException.class, "additionallyAllowedTenants");
	}

	private static HostileInput sent(String name, Attempt attempt, String tenant, Map<String, String> fields) {
		return new HostileInput(name, attempt, null, null, tenant, fields);
	}

	private static HostileInput sentScope(String name, String scope) {
		return sent(name, (valid) -> valid.build().getToken(scope), TENANT, Map.of("scope", scope));
	}

	/**
	 * Builds a credential from a valid builder with one hostile change and asks for a
	 * token.
	 */
	@FunctionalInterface
	interface Attempt {

		Mono<AccessToken> run(ClientSecretCredential.Builder valid);

	}

	/**
	 * One row.
	 *
	 * @param name what is hostile about it
	 * @param attempt the attempt
	 * @param rejectedWith the expected error type, or {@code null} when it must be sent
	 * @param named what the error message must name
	 * @param tenant the tenant path segment it must be sent to
	 * @param fields the form fields that differ from the valid defaults
	 */
	record HostileInput(String name, Attempt attempt, Class<? extends RuntimeException> rejectedWith, String named,
			String tenant, Map<String, String> fields) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
