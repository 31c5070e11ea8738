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
/**
 * Microsoft Entra ID credentials for Reactor and Spring WebClient, free of Spring Boot.
 * <p>
 * Program against {@link io.github.entraidentity.credential.EntraCredential}: every
 * credential implements it and everything that needs tokens takes it. Build a credential
 * with its builder, for example
 * {@code ClientSecretCredential.builder().tenantId(..).clientId(..).clientSecret(..).build()};
 * every builder shares the settings of
 * {@link io.github.entraidentity.credential.CredentialBuilder} (timeouts, retries, the
 * cache, persistence or a shared store, observation, events) and, for an app
 * registration, of
 * {@link io.github.entraidentity.credential.AppRegistrationCredentialBuilder} (tenant,
 * client id, authority, additionally allowed tenants). A bad setting fails
 * {@code build()} with one
 * {@link io.github.entraidentity.credential.InvalidCredentialSettingsException} that
 * names every problem.
 * <p>
 * Ask for tokens with {@code getToken} (a {@code Mono}) or {@code getTokenSync}
 * (blocking, for servlet apps and virtual threads), with a
 * {@link io.github.entraidentity.credential.TokenRequestContext} for claims, another
 * tenant or CAE. Failures are
 * {@link io.github.entraidentity.credential.ClientAuthenticationException}s (Entra said
 * no, with its error codes) or
 * {@link io.github.entraidentity.credential.TokenTransportException}s (Entra could not be
 * reached in time).
 * <p>
 * Alongside: {@code io.github.entraidentity.credential.web} attaches tokens to
 * {@code WebClient} and {@code RestClient} requests and answers claims challenges,
 * {@code io.github.entraidentity.credential.observation} has the events and the
 * {@code identity.token.fetch} observation for metrics and health, and
 * {@code io.github.entraidentity.credential.store} is the SPI of a token store shared by
 * a fleet, such as Redis. Everything under
 * {@code io.github.entraidentity.credential.internal} is the machinery behind them and
 * not API.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/without-spring-boot.md">using
 * the credential without Spring Boot</a>, then the guide of your credential type:
 * <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/credentials/client-secret.md">client
 * secret</a>, <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/credentials/client-certificate.md">certificate</a>,
 * <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/credentials/client-assertion.md">client
 * assertion</a>, <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/credentials/workload-identity.md">workload
 * identity</a> or <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/credentials/managed-identity.md">managed
 * identity</a>. How it differs from azure-identity: <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/compared-with-azure-identity.md">compared
 * with azure-identity</a>; what an error means: <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/troubleshooting.md">troubleshooting</a>.
 */
@NullMarked
package io.github.entraidentity.credential;

import org.jspecify.annotations.NullMarked;
