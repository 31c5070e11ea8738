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
 * Bearer tokens on outgoing requests:
 * {@link io.github.entraidentity.credential.web.BearerTokenFilter} for {@code WebClient},
 * {@link io.github.entraidentity.credential.web.BearerTokenInterceptor} for
 * {@code RestClient} and {@code RestTemplate}. Both take any
 * {@link io.github.entraidentity.credential.EntraCredential}, follow the same rules
 * ({@code BearerRequestRules}: only https, never to a host the application did not
 * choose) and answer an API's claims challenge
 * ({@link io.github.entraidentity.credential.web.ClaimsChallenge}) with one new token and
 * one retry.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/calling-apis.md">calling
 * APIs</a>.
 */
@NullMarked
package io.github.entraidentity.credential.web;

import org.jspecify.annotations.NullMarked;
