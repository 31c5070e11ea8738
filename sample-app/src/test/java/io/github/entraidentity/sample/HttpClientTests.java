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

package io.github.entraidentity.sample;

import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application (the sample, on Netty) in a {@code @SpringBootTest} with the test
 * library's {@code @AutoConfigureEntraEmulator}: its {@code WebClient} and
 * {@code RestClient} use the HTTP client they use in production, Reactor Netty, which
 * {@code spring-boot-starter-webflux} brings; the test library adds none that Boot would
 * prefer.
 *
 * @author Entra Identity contributors
 */
@SpringBootTest(properties = { "sample.downstream.schedule=false", "emulator.enabled=false" })
@AutoConfigureEntraEmulator
class HttpClientTests {

	@Autowired
	private ClientHttpConnectorBuilder<?> connectorBuilder;

	@Test
	void webClientKeepsTheReactorNettyConnectorOfProduction() {
		assertThat(this.connectorBuilder.build()).isInstanceOf(ReactorClientHttpConnector.class);
	}

	@Test
	void restClientKeepsTheReactorNettyRequestFactoryOfProduction() {
		// A reactive application has no request factory bean: what Boot detects for one
		assertThat(ClientHttpRequestFactoryBuilder.detect(getClass().getClassLoader()).build())
			.isInstanceOf(ReactorClientHttpRequestFactory.class);
	}

}
