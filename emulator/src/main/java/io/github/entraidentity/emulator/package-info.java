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
 * A Microsoft Entra ID emulator for tests:
 * {@link io.github.entraidentity.emulator.EntraEmulator} serves the v2.0 token endpoint
 * of one tenant and app registration on a loopback port, with Entra's checks and errors,
 * and lets a test read what it issued and script what it does next with
 * {@link io.github.entraidentity.emulator.EmulatorReply}.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/testing.md">testing
 * your app</a>.
 */
@NullMarked
package io.github.entraidentity.emulator;

import org.jspecify.annotations.NullMarked;
