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
 * Spring Boot auto-configuration of Microsoft Entra ID credentials. Every credential
 * implements {@code EntraCredential};
 * {@link io.github.entraidentity.autoconfigure.EntraCredentials} holds them by name, the
 * unnamed {@code identity.*} one under {@code default}, and is what health, metrics, HTTP
 * service clients and the Azure SDK beans iterate. What differs between credential types
 * (which properties configure one, how they map onto its builder) is told once per type
 * by a package-private {@code CredentialType}.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/configuration.md">configuration</a>,
 * the <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/reference/properties.md">property
 * reference</a> and <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/several-credentials.md">several
 * credentials</a>; startup reports are explained in <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/troubleshooting.md">troubleshooting</a>.
 */
@NullMarked
package io.github.entraidentity.autoconfigure;

import org.jspecify.annotations.NullMarked;
