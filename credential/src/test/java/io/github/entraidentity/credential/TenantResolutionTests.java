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

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which tenant a request goes to, decided before any I/O.
 *
 * @author Entra Identity contributors
 */
@Timeout(30)
class TenantResolutionTests {

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	@Test
	void requestWithoutTenantUsesTheConfiguredTenant() {
		stubAnyTenant();
		TestCredentials.builder(entra).build().getToken(TokenRequestContext.of("api://a/.default")).block();
		assertThat(requestedPaths()).containsExactly("/tenant-1/oauth2/v2.0/token");
	}

	@Test
	void configuredTenantMatchesCaseInsensitively() {
		stubAnyTenant();
		TestCredentials.builder(entra)
			.build()
			.getToken(TokenRequestContext.of("api://a/.default").withTenantId("TENANT-1"))
			.block();
		assertThat(requestedPaths()).containsExactly("/tenant-1/oauth2/v2.0/token");
	}

	@Test
	void additionallyAllowedTenantIsUsed() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("tenant-2", "tenant-3"))
			.build();
		credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-3")).block();
		assertThat(requestedPaths()).containsExactly("/tenant-3/oauth2/v2.0/token");
	}

	@Test
	void additionallyAllowedTenantMatchesCaseInsensitively() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("Tenant-2"))
			.build();
		credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-2")).block();
		assertThat(requestedPaths()).containsExactly("/tenant-2/oauth2/v2.0/token");
	}

	@Test
	void wildcardAllowsAnyTenant() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("*"))
			.build();
		credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("any-other-tenant")).block();
		assertThat(requestedPaths()).containsExactly("/any-other-tenant/oauth2/v2.0/token");
	}

	@Test
	void tenantThatIsNotAllowedFailsNamingTheFixOnEveryPathAndSendsNothing() {
		// Asked twice on each path: a cached lookup asks the cache with the tenant as
		// requested before resolving it, so a refused tenant must leave no entry that a
		// later lookup could find
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("tenant-2"))
			.build();
		TokenRequestContext refused = TokenRequestContext.of("api://a/.default").withTenantId("tenant-9");
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getToken(refused).block())
				.withMessageContaining("not configured to acquire tokens for tenant tenant-9")
				.withMessageContaining("additionally-allowed-tenants")
				.withMessageContaining("\"*\"");
			assertThatExceptionOfType(ClientAuthenticationException.class)
				.isThrownBy(() -> credential.getTokenSync(refused))
				.withMessageContaining("not configured to acquire tokens for tenant tenant-9");
		}
		assertThat(requestedPaths()).isEmpty();
	}

	@Test
	void requestedTenantIsCharacterCheckedEvenUnderTheWildcard() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("*"))
			.build();
		for (String tenant : new String[] { "../other", "a/b", "x?y", "", "t..t" }) {
			assertThatIllegalArgumentException().isThrownBy(
					() -> credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId(tenant)).block())
				.withMessageContaining("Invalid tenant ID provided");
		}
		assertThat(requestedPaths()).isEmpty();
	}

	@Test
	void invalidAdditionallyAllowedTenantIsRejectedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> TestCredentials.builder(entra).additionallyAllowedTenants(List.of("ok", "bad/tenant")).build())
			.withMessageContaining("additionallyAllowedTenants[1] is neither '*' nor a valid tenant id")
			.withMessageNotContaining("bad/tenant");
	}

	@Test
	void disabledMultiTenantAuthenticationRefusesOtherTenantsEvenIfAllowed() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("*"))
			.environment(Map.of("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH", "true"))
			.build();
		assertThatExceptionOfType(ClientAuthenticationException.class).isThrownBy(
				() -> credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-2")).block())
			.withMessageContaining("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH")
			.withMessageContaining("tenant-2");
		assertThat(requestedPaths()).isEmpty();
	}

	@Test
	void multiTenantSwitchComesFromTheSuppliedEnvironmentFunction() {
		Map<String, String> seen = new java.util.HashMap<>();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("*"))
			.environment((name) -> {
				seen.put(name, "read");
				return "AZURE_IDENTITY_DISABLE_MULTITENANTAUTH".equals(name) ? "1" : null;
			})
			.build();
		assertThatExceptionOfType(ClientAuthenticationException.class).isThrownBy(
				() -> credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-2")).block())
			.withMessageContaining("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH");
		assertThat(seen).containsKey("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH");
		assertThat(requestedPaths()).isEmpty();
	}

	@Test
	void disabledMultiTenantAuthenticationStillServesTheConfiguredTenant() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.environment(Map.of("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH", "True"))
			.build();
		credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-1")).block();
		assertThat(requestedPaths()).containsExactly("/tenant-1/oauth2/v2.0/token");
	}

	@Test
	void multiTenantAuthenticationIsOnWhenTheVariableIsNotTrue() {
		stubAnyTenant();
		ClientSecretCredential credential = TestCredentials.builder(entra)
			.additionallyAllowedTenants(List.of("tenant-2"))
			.environment(Map.of("AZURE_IDENTITY_DISABLE_MULTITENANTAUTH", "false"))
			.build();
		credential.getToken(TokenRequestContext.of("api://a/.default").withTenantId("tenant-2")).block();
		assertThat(requestedPaths()).containsExactly("/tenant-2/oauth2/v2.0/token");
	}

	private void stubAnyTenant() {
		entra.stubFor(post(urlMatching("/[^/]+/oauth2/v2.0/token")).willReturn(TokenResponses.token("tok", 3600)));
	}

	private List<String> requestedPaths() {
		return entra.findAll(anyRequestedFor(anyUrl())).stream().map((request) -> request.getUrl()).toList();
	}

}
