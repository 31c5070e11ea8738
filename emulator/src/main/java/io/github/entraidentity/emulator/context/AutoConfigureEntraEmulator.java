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

package io.github.entraidentity.emulator.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.entraidentity.emulator.EmulatedClientAuthentication;
import io.github.entraidentity.emulator.EmulatedManagedIdentity;
import io.github.entraidentity.emulator.EmulatorSettings;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.ManagedIdentityEmulator;

/**
 * Starts an {@link EntraEmulator} on a free loopback port for the test's application
 * context and points the Entra identity starter at it: {@code identity.tenant-id},
 * {@code identity.client-id}, {@code identity.client-secret} (or, with
 * {@link #clientAuthentication()}, a certificate or workload identity) and
 * {@code identity.authority} take the emulator's values, over any other source, as a
 * service connection does. The emulator is a bean: inject it to read what it issued and
 * to script what it does next; it is {@link EntraEmulator#reset() reset} after each test
 * method and stopped with the context.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureEntraEmulator
 * class MyServiceTests {
 *
 *     &#64;Autowired
 *     EntraEmulator entra;
 *     ...
 * }
 * </pre>
 *
 * With {@link #managedIdentity()} the application's credential is a managed identity
 * served by a {@link ManagedIdentityEmulator} instead:
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureEntraEmulator(managedIdentity = EmulatedManagedIdentity.IMDS)
 * class OnAzureVmTests {
 *
 *     &#64;Autowired
 *     ManagedIdentityEmulator imds;
 *     ...
 * }
 * </pre>
 *
 * Test classes with the same attributes share one application context, and so one
 * emulator. Tokens the application cached outlive a reset: script failures for a scope
 * not requested before, or use {@code @DirtiesContext}.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureEntraEmulator {

	/**
	 * Tenant the emulator knows.
	 * @return the tenant id
	 */
	String tenantId() default EmulatorSettings.DEFAULT_TENANT_ID;

	/**
	 * Application (client) id the emulator knows.
	 * @return the client id
	 */
	String clientId() default EmulatorSettings.DEFAULT_CLIENT_ID;

	/**
	 * Client secret the emulator accepts.
	 * @return the client secret
	 */
	String clientSecret() default EmulatorSettings.DEFAULT_CLIENT_SECRET;

	/**
	 * Application id URIs tokens may be requested for, such as {@code api://my-api};
	 * empty for any.
	 * @return the resources
	 */
	String[] resources() default {};

	/**
	 * Whether tokens carry Entra's v1.0 issuer {@code https://sts.windows.net/<tenant>/},
	 * as tokens for Azure services such as Storage do, instead of the emulator's v2.0
	 * issuer.
	 * @return whether to use the v1.0 issuer
	 */
	boolean stsIssuer() default false;

	/**
	 * Whether the emulator serves HTTPS: its certificate is then trusted through an SSL
	 * bundle, {@code spring.ssl.bundle.jks.entra-emulator}, that
	 * {@code identity.ssl.bundle} names.
	 * @return whether to serve HTTPS
	 */
	boolean https() default false;

	/**
	 * How the application proves itself: a client secret by default, or the emulator's
	 * client certificate, or workload identity with a token the emulator minted.
	 * @return the client authentication
	 */
	EmulatedClientAuthentication clientAuthentication() default EmulatedClientAuthentication.CLIENT_SECRET;

	/**
	 * Whether the application authenticates as an Azure managed identity, and through
	 * which endpoint. With {@link EmulatedManagedIdentity#APP_SERVICE} or
	 * {@link EmulatedManagedIdentity#IMDS} a {@link ManagedIdentityEmulator} stands in
	 * for that endpoint on loopback and is a bean (reset after each test method like the
	 * Entra emulator), and the unnamed credential is a managed identity:
	 * {@code identity.managed-identity.enabled=true} and the endpoint's variables
	 * ({@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}, or
	 * {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) are set as properties, which the starter
	 * reads as it reads the process environment. The Entra emulator's app registration
	 * properties are then not set (a managed identity has none, and
	 * {@link #clientAuthentication()} does not apply); the Entra emulator still runs, for
	 * named credentials pointed at it.
	 * @return the managed identity endpoint, or {@link EmulatedManagedIdentity#NONE}
	 */
	EmulatedManagedIdentity managedIdentity() default EmulatedManagedIdentity.NONE;

}
