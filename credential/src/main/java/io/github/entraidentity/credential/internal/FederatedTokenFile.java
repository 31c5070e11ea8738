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
package io.github.entraidentity.credential.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.entraidentity.credential.WorkloadIdentityCredential;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The federated token file of workload identity (a Kubernetes service-account token the
 * kubelet projects and replaces before it expires): read when it changed, off the event
 * loops within a time limit ({@link BoundedFileReader}), checked before each token
 * request and never for a cached token, and read once more when Entra answers that the
 * assertion expired (AADSTS700024).
 *
 * @author Entra Identity contributors
 */
public final class FederatedTokenFile implements AssertionSource {

	/**
	 * The largest token file read: service-account tokens take a few KiB.
	 */
	static final int MAX_BYTES = 64 * 1024;

	private static final WatchedFile.Description DESCRIPTION = new WatchedFile.Description("Federated token file",
			"token", "it must hold the pod's projected service-account token");

	private static final long[] REREAD_AFTER = { 700024L };

	private final WatchedFile<String> file;

	private final Scheduler timer;

	/**
	 * Watch a token file.
	 * @param file the file
	 * @param timer the credential's scheduler, on which reads are timed
	 */
	public FederatedTokenFile(Path file, Scheduler timer) {
		this.file = new WatchedFile<>(new BoundedFileReader(file, MAX_BYTES, BoundedFileReader.DEFAULT_TIMEOUT),
				DESCRIPTION, FederatedTokenFile::token, LogFactory.getLog(WorkloadIdentityCredential.class));
		this.timer = timer;
	}

	/**
	 * Read the file now, as a builder's check does.
	 * @throws IllegalArgumentException with a reason phrased to follow the setting's name
	 */
	public void check() {
		this.file.check();
	}

	@Override
	public Mono<String> assertion(String audience) {
		return this.file.read(false, this.timer);
	}

	@Override
	public Mono<String> reread(String audience) {
		return this.file.read(true, this.timer);
	}

	@Override
	public long[] rereadAfter() {
		return REREAD_AFTER;
	}

	@Override
	public String description() {
		return "federated token file " + this.file.file();
	}

	private static @Nullable String token(byte[] content) {
		String token = new String(content, StandardCharsets.UTF_8).strip();
		return token.isEmpty() ? null : token;
	}

	@Override
	public String toString() {
		return "FederatedTokenFile[" + this.file.file() + "]";
	}

}
