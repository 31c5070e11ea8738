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
 * Actuator health of the Entra identity credential, for applications that wire it by hand
 * as well as for the auto-configuration.
 * <p>
 * {@link io.github.entraidentity.health.IdentityHealthIndicator} reports the state of a
 * {@link io.github.entraidentity.credential.EntraCredential} (its last token request and
 * its cached tokens) without sending requests of its own, or, given scopes, verifies them
 * through the credential's cache. Register it as a bean named
 * {@code identityHealthIndicator} to appear as {@code /actuator/health/identity}; the
 * auto-configuration in {@code io.github.entraidentity.autoconfigure.health} does so for
 * any single credential bean.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/operating.md">operating
 * it</a>; what a DOWN status means: <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/troubleshooting.md">troubleshooting</a>.
 */
@NullMarked
package io.github.entraidentity.health;

import org.jspecify.annotations.NullMarked;
