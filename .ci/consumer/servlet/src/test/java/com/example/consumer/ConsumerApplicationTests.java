package com.example.consumer;

import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.web.BearerTokenInterceptor;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.emulator.context.AutoConfigureEntraEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a servlet application: the token requests and the application's own
 * calls go over the JDK HttpClient, since Reactor Netty is not on the class path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEntraEmulator
class ConsumerApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	ClientSecretCredential credential;

	@Autowired
	RestClient.Builder restClientBuilder;

	@Autowired
	EntraEmulator entra;

	@Test
	void callsAnApiWithATokenOverTheJdkHttpClient() {
		System.out.println("consumer: servlet application on Spring Boot " + SpringBootVersion.getVersion()
				+ ", Java " + Runtime.version());
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).isFalse();
		assertThat(ClientHttpConnectorBuilder.detect()).isInstanceOf(JdkClientHttpConnectorBuilder.class);
		RestClient api = this.restClientBuilder.baseUrl("http://localhost:" + this.port)
			.requestInterceptor(BearerTokenInterceptor.of(this.credential, "api://orders/.default"))
			.build();
		String authorization = api.get().uri("/echo").retrieve().body(String.class);
		assertThat(authorization).isEqualTo("Bearer " + this.entra.lastIssuedToken().accessToken());
		assertThat(api.get().uri("/echo").retrieve().body(String.class)).isEqualTo(authorization);
		assertThat(this.entra.tokenRequests()).hasSize(1);
		assertThat(api.get().uri("/actuator/health/identity").retrieve().body(String.class)).contains("\"UP\"");
	}

}
