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

import io.github.entraidentity.credential.internal.Authority;

/**
 * Authority hosts of the Microsoft Entra ID clouds.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public final class AzureAuthorityHosts {

	/**
	 * Azure public cloud, the default.
	 */
	public static final String AZURE_PUBLIC_CLOUD = "https://login.microsoftonline.com";

	/**
	 * Azure operated by 21Vianet (China).
	 */
	public static final String AZURE_CHINA = "https://login.chinacloudapi.cn";

	/**
	 * Azure US Government.
	 */
	public static final String AZURE_GOVERNMENT = "https://login.microsoftonline.us";

	private AzureAuthorityHosts() {
	}

}
