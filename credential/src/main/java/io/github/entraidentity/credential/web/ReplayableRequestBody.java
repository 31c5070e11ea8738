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

package io.github.entraidentity.credential.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * Keeps a copy of the bytes a request body writes so the request can be sent again.
 * <p>
 * The rule: a request can be resent when it has no body, or when its body was written in
 * full, as one non-streaming write, and was at most {@code maxBytes} long. This holds for
 * {@code bodyValue(...)}, form data, multipart and any {@code Publisher}, even a one-shot
 * one, because the bytes are replayed rather than the publisher. It does not hold for
 * streaming bodies (written with flushes, such as {@code application/x-ndjson}), for
 * larger bodies, or for a body that was not completely written when the response came.
 *
 * @author Entra Identity contributors
 */
final class ReplayableRequestBody {

	private static final byte[] NO_BYTES = {};

	private final BodyInserter<?, ? super ClientHttpRequest> original;

	private final int maxBytes;

	private volatile @Nullable Recording recording;

	private ReplayableRequestBody(BodyInserter<?, ? super ClientHttpRequest> original, int maxBytes) {
		this.original = original;
		this.maxBytes = maxBytes;
	}

	static ReplayableRequestBody of(ClientRequest request, int maxBytes) {
		return new ReplayableRequestBody(request.body(), maxBytes);
	}

	/**
	 * Return the body inserter for the first attempt: the original one, recording what it
	 * writes when a replay may be needed.
	 * @return the inserter
	 */
	BodyInserter<?, ? super ClientHttpRequest> recording() {
		if (hasNoBody() || this.maxBytes <= 0) {
			return this.original;
		}
		BodyInserter<Object, ClientHttpRequest> recording = (message, context) -> {
			this.recording = null;
			return this.original.insert(new RecordingRequest(message), context);
		};
		return recording;
	}

	/**
	 * Return a body inserter that writes the same body again.
	 * @return the inserter, or {@code null} when the body cannot be replayed
	 */
	@Nullable BodyInserter<?, ? super ClientHttpRequest> replay() {
		if (hasNoBody()) {
			return this.original;
		}
		Recording recording = this.recording;
		return (recording != null) ? recording.inserter() : null;
	}

	private boolean hasNoBody() {
		return this.original == BodyInserters.empty();
	}

	/**
	 * A complete copy of a written body.
	 *
	 * @param contentType the content type the writer set, or {@code null}
	 * @param bytes the body
	 * @param written whether the body was written at all (rather than completed empty)
	 */
	private record Recording(@Nullable MediaType contentType, byte[] bytes, boolean written) {

		BodyInserter<Object, ClientHttpRequest> inserter() {
			return (message, context) -> {
				if (this.contentType != null && message.getHeaders().getContentType() == null) {
					message.getHeaders().setContentType(this.contentType);
				}
				if (!this.written) {
					return message.setComplete();
				}
				message.getHeaders().setContentLength(this.bytes.length);
				return message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(this.bytes)));
			};
		}

	}

	/**
	 * Copies every buffer on its way to the wire and publishes the copy once the body
	 * publisher completed within the size limit.
	 */
	private final class RecordingRequest extends ClientHttpRequestDecorator {

		private boolean writeStarted;

		RecordingRequest(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			this.writeStarted = true;
			MediaType contentType = getHeaders().getContentType();
			ByteArrayOutputStream copy = new ByteArrayOutputStream();
			boolean[] tooLarge = { false };
			Flux<? extends DataBuffer> recorded = Flux.from(body).doOnNext((buffer) -> {
				int length = buffer.readableByteCount();
				if (tooLarge[0] || copy.size() + (long) length > ReplayableRequestBody.this.maxBytes) {
					tooLarge[0] = true;
					copy.reset();
					return;
				}
				byte[] bytes = new byte[length];
				buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, length);
				copy.writeBytes(bytes);
			}).doOnComplete(() -> {
				if (!tooLarge[0]) {
					ReplayableRequestBody.this.recording = new Recording(contentType, copy.toByteArray(), true);
				}
			});
			return super.writeWith(recorded);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			// Streamed with flushes: may be unbounded or paced, never kept for a replay
			this.writeStarted = true;
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			if (!this.writeStarted) {
				ReplayableRequestBody.this.recording = new Recording(getHeaders().getContentType(), NO_BYTES, false);
			}
			return super.setComplete();
		}

	}

}
