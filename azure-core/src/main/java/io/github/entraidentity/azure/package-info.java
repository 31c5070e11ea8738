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
 * The credential in Azure SDK clients: start with
 * {@link io.github.entraidentity.azure.AzureCoreTokenCredential}, which maps the SDK's
 * token requests onto any {@link io.github.entraidentity.credential.EntraCredential} so
 * that the SDK and the application share one cache, one refresh and one set of metrics.
 * <p>
 * Read first: the guide <a href=
 * "https://github.com/entraidentity/entra-identity-spring-boot/blob/main/docs/azure-sdk.md">Azure
 * SDK clients</a>.
 */
@NullMarked
package io.github.entraidentity.azure;

import org.jspecify.annotations.NullMarked;
