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

package io.github.entraidentity.autoconfigure.azure;

import java.time.Duration;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.entraidentity.autoconfigure.IdentityAutoConfiguration;
import io.github.entraidentity.autoconfigure.IdentityCredentialsAutoConfiguration;
import io.github.entraidentity.testsupport.TestTls;
import io.github.entraidentity.testsupport.TokenResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with two named credentials in two tenants, besides its unnamed one,
 * hands each to Azure SDK code as a {@code TokenCredential} picked by {@code @Qualifier}
 * (the unnamed one without): each gets its token from its own tenant, with its own
 * client, through a real HTTPS token endpoint.
 *
 * @author Entra Identity contributors
 */
class NamedTokenCredentialsInAnApplicationTests {

	private static final String STORAGE_SCOPE = "https://storage.azure.com/.default";

	@RegisterExtension
	static WireMockExtension entra = TestTls.httpsWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class,
				IdentityCredentialsAutoConfiguration.class, IdentityAzureCoreAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("spring.ssl.bundle.jks.entra.truststore.location=file:" + TestTls.keystore(),
				"spring.ssl.bundle.jks.entra.truststore.password=" + TestTls.PASSWORD,
				"spring.ssl.bundle.jks.entra.truststore.type=PKCS12")
		.withPropertyValues("identity.tenant-id=home-tenant", "identity.client-id=home-client",
				"identity.client-secret=home-secret", "identity.authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(),
				"identity.ssl.bundle=entra")
		.withPropertyValues(named("partner", "partner-tenant", "partner-client"))
		.withPropertyValues(named("contoso", "contoso-tenant", "contoso-client"))
		.withUserConfiguration(StorageClients.class);

	@Test
	void eachQualifiedTokenCredentialGetsItsTokenFromItsOwnTenant() {
		issueToken("home-tenant", "home-client", "tok-home");
		issueToken("partner-tenant", "partner-client", "tok-partner");
		issueToken("contoso-tenant", "contoso-client", "tok-contoso");
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			StorageClients clients = context.getBean(StorageClients.class);
			TokenRequestContext storage = new TokenRequestContext().addScopes(STORAGE_SCOPE);
			AccessToken partner = clients.partner.getToken(storage).block(Duration.ofSeconds(30));
			AccessToken contoso = clients.contoso.getTokenSync(storage);
			assertThat(partner.getToken()).isEqualTo("tok-partner");
			assertThat(contoso.getToken()).isEqualTo("tok-contoso");
			assertThat(clients.home.getTokenSync(storage).getToken()).isEqualTo("tok-home");
			entra.verify(1, postRequestedFor(urlEqualTo(tokenPath("home-tenant"))));
			entra.verify(1, postRequestedFor(urlEqualTo(tokenPath("partner-tenant"))));
			entra.verify(1, postRequestedFor(urlEqualTo(tokenPath("contoso-tenant"))));
			// From the credential's cache from now on
			assertThat(clients.partner.getTokenSync(storage).getToken()).isEqualTo("tok-partner");
			entra.verify(3, postRequestedFor(urlMatching("/[^/]+/oauth2/v2.0/token")));
		});
	}

	private static void issueToken(String tenant, String clientId, String token) {
		entra.stubFor(post(urlEqualTo(tokenPath(tenant))).withRequestBody(containing("client_id=" + clientId))
			.willReturn(TokenResponses.token(token, 3600)));
	}

	private static String tokenPath(String tenant) {
		return "/" + tenant + "/oauth2/v2.0/token";
	}

	private static String[] named(String name, String tenant, String clientId) {
		String prefix = "identity.credentials." + name + ".";
		return new String[] { prefix + "tenant-id=" + tenant, prefix + "client-id=" + clientId,
				prefix + "client-secret=" + name + "-secret",
				prefix + "authority=" + entra.getRuntimeInfo().getHttpsBaseUrl(), prefix + "ssl.bundle=entra" };
	}

	/**
	 * Application code that builds SDK clients for three tenants' storage accounts.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StorageClients {

		final TokenCredential home;

		final TokenCredential partner;

		final TokenCredential contoso;

		StorageClients(TokenCredential home, @Qualifier("partner") TokenCredential partner,
				@Qualifier("contoso") TokenCredential contoso) {
			this.home = home;
			this.partner = partner;
			this.contoso = contoso;
		}

	}

}
