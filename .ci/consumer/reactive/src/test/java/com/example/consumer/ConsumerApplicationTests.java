package com.example.consumer;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.web.BearerTokenFilter;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a WebFlux application: the token requests and the application's own
 * calls go over Reactor Netty.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEntraEmulator
class ConsumerApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	ClientSecretCredential credential;

	@Autowired
	WebClient.Builder webClientBuilder;

	@Autowired
	EntraEmulator entra;

	@Test
	void callsAnApiWithATokenOverReactorNetty() {
		System.out.println("consumer: reactive application on Spring Boot " + SpringBootVersion.getVersion()
				+ ", Reactor Netty " + reactor.netty.http.client.HttpClient.class.getPackage().getImplementationVersion()
				+ ", Java " + Runtime.version());
		assertThat(ClientHttpConnectorBuilder.detect()).isInstanceOf(ReactorClientHttpConnectorBuilder.class);
		WebClient api = this.webClientBuilder.baseUrl("http://localhost:" + this.port)
			.filter(BearerTokenFilter.of(this.credential, "api://orders/.default"))
			.build();
		String authorization = api.get().uri("/echo").retrieve().bodyToMono(String.class).block();
		assertThat(authorization).isEqualTo("Bearer " + this.entra.lastIssuedToken().accessToken());
		assertThat(api.get().uri("/echo").retrieve().bodyToMono(String.class).block()).isEqualTo(authorization);
		assertThat(this.entra.tokenRequests()).hasSize(1);
		assertThat(api.get().uri("/actuator/health/identity").retrieve().bodyToMono(String.class).block())
			.contains("\"UP\"");
	}

}
