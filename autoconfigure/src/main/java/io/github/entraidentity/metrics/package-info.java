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
 * Micrometer meters of the Entra identity credential, for applications that wire it by
 * hand as well as for the auto-configuration.
 * <p>
 * {@link io.github.entraidentity.metrics.IdentityTokenMetrics} is a
 * {@link io.github.entraidentity.credential.observation.CredentialEventListener}: give it
 * to the credential's builder ({@code eventListener(...)}) to count cache answers and
 * retries. {@link io.github.entraidentity.metrics.TokenExpiryMeterBinder} is a
 * {@link io.micrometer.core.instrument.binder.MeterBinder} that reads any credential's
 * cached tokens. The {@code identity.token.fetch} timer is not a meter of this package:
 * it is the credential's Micrometer Observation, recorded when the builder is given an
 * {@code ObservationRegistry} that has a meter handler. The auto-configuration in
 * {@code io.github.entraidentity.autoconfigure.metrics} wires all three.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/operating.md">operating
 * it</a> (every meter, its tags and alert rules).
 */
@NullMarked
package io.github.entraidentity.metrics;

import org.jspecify.annotations.NullMarked;
