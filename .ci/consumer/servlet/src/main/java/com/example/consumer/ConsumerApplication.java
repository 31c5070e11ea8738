package com.example.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application with the starter, as a user writes one. Its {@code /echo}
 * endpoint stands in for the API it calls: it answers with the bearer token it got.
 */
@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@RestController
	static class EchoController {

		@GetMapping("/echo")
		String echo(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
			return authorization;
		}

	}

}
