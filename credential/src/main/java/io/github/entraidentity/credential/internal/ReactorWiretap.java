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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * Removes a Reactor Netty wiretap from a token request's connection before the form is
 * written: it would log the body (the client secret) and the response (the token). The
 * handler only exists when the caller enabled a wiretap on the {@code WebClient} it
 * passed in. Only touches Reactor Netty types when Reactor Netty is present.
 *
 * @author Entra Identity contributors
 */
final class ReactorWiretap {

	private static final Log logger = LogFactory.getLog(ReactorWiretap.class);

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			ReactorWiretap.class.getClassLoader());

	private ReactorWiretap() {
	}

	static void remove(ClientHttpRequest request) {
		if (REACTOR_NETTY_PRESENT) {
			Netty.remove(request.getNativeRequest());
		}
	}

	private static final class Netty {

		static void remove(Object nativeRequest) {
			if (nativeRequest instanceof Connection connection
					&& connection.channel().pipeline().get(NettyPipeline.LoggingHandler) != null) {
				connection.channel().pipeline().remove(NettyPipeline.LoggingHandler);
				if (logger.isDebugEnabled()) {
					logger.debug("Removed the wiretap from the token request's connection so that it cannot log the"
							+ " client secret or the token");
				}
			}
		}

	}

}
