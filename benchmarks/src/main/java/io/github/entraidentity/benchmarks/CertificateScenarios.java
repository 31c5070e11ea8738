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
package io.github.entraidentity.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientCertificateCredentialBuilder;
import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.ClientCertificateCredential;
import io.github.entraidentity.credential.ClientSecretCredential;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.testsupport.TestCertificates;
import reactor.core.publisher.Mono;

/**
 * The certificate credential against azure-identity's {@code ClientCertificateCredential}
 * with the same certificate and endpoint: the first token of a new instance, the CPU a
 * token request costs (signing included) and the cached path against the secret
 * credential's.
 *
 * @author Entra Identity contributors
 */
final class CertificateScenarios {

	static final List<SubjectKind> KINDS = List.of(SubjectKind.OURS, SubjectKind.AZURE_ASYNC, SubjectKind.AZURE_SYNC);

	private final TokenEndpoint endpoint;

	private final Path pem;

	CertificateScenarios(TokenEndpoint endpoint) {
		this.endpoint = endpoint;
		try {
			this.pem = TestCertificates.rsa().writePem(Files.createTempFile("benchmark-certificate", ".pem"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * First-call latency of new instances built with each library's defaults, closed
	 * after the call, interleaved.
	 * @param warmups rounds not counted
	 * @param rounds rounds counted
	 * @return median nanoseconds per subject
	 */
	Map<SubjectKind, Long> firstToken(int warmups, int rounds) {
		Map<SubjectKind, long[]> samples = new EnumMap<>(SubjectKind.class);
		KINDS.forEach((kind) -> samples.put(kind, new long[rounds]));
		for (int round = 0; round < warmups + rounds; round++) {
			for (SubjectKind kind : KINDS) {
				String clientId = TokenEndpoint.newClientId(kind.id() + "-certificate");
				this.endpoint.tokens(clientId, 3600, 0);
				long took = timeFirstToken(kind, clientId);
				if (round >= warmups) {
					samples.get(kind)[round - warmups] = took;
				}
			}
		}
		Map<SubjectKind, Long> medians = new EnumMap<>(SubjectKind.class);
		samples.forEach((kind, values) -> medians.put(kind, Scenarios.median(values)));
		return medians;
	}

	private long timeFirstToken(SubjectKind kind, String clientId) {
		if (kind == SubjectKind.OURS) {
			try (ClientCertificateCredential credential = ours(clientId)) {
				long start = System.nanoTime();
				credential.getToken(TokenEndpoint.SCOPE).block();
				return System.nanoTime() - start;
			}
		}
		com.azure.identity.ClientCertificateCredential credential = azure(clientId);
		TokenRequestContext context = new TokenRequestContext().addScopes(TokenEndpoint.SCOPE);
		long start = System.nanoTime();
		if (kind == SubjectKind.AZURE_ASYNC) {
			credential.getToken(context).block();
		}
		else {
			credential.getTokenSync(context);
		}
		return System.nanoTime() - start;
	}

	/**
	 * Process CPU time per token request (each for a new scope, so each is sent), for our
	 * certificate and secret credentials and azure-identity's certificate credential.
	 * @param requests the token requests per subject
	 * @return CPU nanoseconds per request: ours with a certificate, ours with a secret,
	 * azure-identity with a certificate
	 */
	long[] cpuPerTokenRequest(int requests) {
		String certificateClient = TokenEndpoint.newClientId("ours-certificate-cpu");
		String secretClient = TokenEndpoint.newClientId("ours-secret-cpu");
		String azureClient = TokenEndpoint.newClientId("azure-certificate-cpu");
		List.of(certificateClient, secretClient, azureClient)
			.forEach((clientId) -> this.endpoint.tokens(clientId, 3600, 0));
		try (ClientCertificateCredential certificate = ours(certificateClient);
				ClientSecretCredential secret = oursWithSecret(secretClient)) {
			com.azure.identity.ClientCertificateCredential azure = azure(azureClient);
			// Warm each path, then measure it alone
			cpu(certificate, requests / 4, "warm");
			cpu(secret, requests / 4, "warm");
			cpuAzure(azure, requests / 4, "warm");
			return new long[] { cpu(certificate, requests, "cert"), cpu(secret, requests, "secret"),
					cpuAzure(azure, requests, "azure") };
		}
	}

	private static long cpu(EntraCredential credential, int requests, String prefix) {
		long before = processCpu();
		for (int i = 0; i < requests; i++) {
			credential.getToken("api://" + prefix + "-" + i + "/.default").block();
		}
		return (processCpu() - before) / requests;
	}

	private static long cpuAzure(com.azure.identity.ClientCertificateCredential credential, int requests,
			String prefix) {
		long before = processCpu();
		for (int i = 0; i < requests; i++) {
			credential.getTokenSync(new TokenRequestContext().addScopes("api://" + prefix + "-" + i + "/.default"));
		}
		return (processCpu() - before) / requests;
	}

	/**
	 * Cached {@code getToken} calls per second on one thread, for our certificate and
	 * secret credentials, measured alternately.
	 * @param millis how long each measurement runs
	 * @return calls per second: certificate, secret
	 */
	double[] cachedCallsPerSecond(long millis) {
		String certificateClient = TokenEndpoint.newClientId("ours-certificate-cached");
		String secretClient = TokenEndpoint.newClientId("ours-secret-cached");
		this.endpoint.tokens(certificateClient, 3600, 0);
		this.endpoint.tokens(secretClient, 3600, 0);
		try (ClientCertificateCredential certificate = ours(certificateClient);
				ClientSecretCredential secret = oursWithSecret(secretClient)) {
			double[] result = new double[2];
			for (int round = 0; round < 3; round++) {
				double certificateRate = cachedRate(certificate, millis);
				double secretRate = cachedRate(secret, millis);
				if (round > 0) {
					result[0] += certificateRate / 2;
					result[1] += secretRate / 2;
				}
			}
			return result;
		}
	}

	private static double cachedRate(EntraCredential credential, long millis) {
		credential.getToken(TokenEndpoint.SCOPE).block();
		long calls = 0;
		long sink = 0;
		long end = System.nanoTime() + millis * 1_000_000;
		long start = System.nanoTime();
		while (System.nanoTime() < end) {
			for (int i = 0; i < 1000; i++) {
				Mono<AccessToken> token = credential.getToken(TokenEndpoint.SCOPE);
				sink += token.hashCode();
			}
			calls += 1000;
		}
		double rate = calls / ((System.nanoTime() - start) / 1e9);
		return (sink == 42) ? rate + 1 : rate;
	}

	private ClientCertificateCredential ours(String clientId) {
		return ClientCertificateCredential.builder()
			.tenantId(TokenEndpoint.TENANT)
			.clientId(clientId)
			.certificatePath(this.pem)
			.authority(this.endpoint.authority())
			.build();
	}

	private ClientSecretCredential oursWithSecret(String clientId) {
		return ClientSecretCredential.builder()
			.tenantId(TokenEndpoint.TENANT)
			.clientId(clientId)
			.clientSecret(TokenEndpoint.SECRET)
			.authority(this.endpoint.authority())
			.build();
	}

	private com.azure.identity.ClientCertificateCredential azure(String clientId) {
		return new ClientCertificateCredentialBuilder().tenantId(TokenEndpoint.TENANT)
			.clientId(clientId)
			.pemCertificate(this.pem.toString())
			.authorityHost(this.endpoint.authority())
			.disableInstanceDiscovery()
			.build();
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
