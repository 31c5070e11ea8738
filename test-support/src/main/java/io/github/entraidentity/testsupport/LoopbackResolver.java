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
package io.github.entraidentity.testsupport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * A name resolver for test HTTP clients that never sends a DNS query: {@code localhost}
 * and IP literals resolve locally, every other name fails with
 * {@link UnknownHostException} at once. Tests that simulate a DNS failure use it, so no
 * lookup leaves the machine.
 *
 * @author Entra Identity contributors
 */
public final class LoopbackResolver extends AddressResolverGroup<InetSocketAddress> {

	/**
	 * Shared instance.
	 */
	public static final LoopbackResolver INSTANCE = new LoopbackResolver();

	private LoopbackResolver() {
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new InetNameResolver(executor) {

			@Override
			protected void doResolve(String host, Promise<InetAddress> promise) {
				try {
					promise.setSuccess(resolveLocally(host));
				}
				catch (UnknownHostException ex) {
					promise.setFailure(ex);
				}
			}

			@Override
			protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
				try {
					promise.setSuccess(List.of(resolveLocally(host)));
				}
				catch (UnknownHostException ex) {
					promise.setFailure(ex);
				}
			}

		}.asAddressResolver();
	}

	private static InetAddress resolveLocally(String host) throws UnknownHostException {
		if ("localhost".equalsIgnoreCase(host)) {
			return InetAddress.getLoopbackAddress();
		}
		byte[] address = NetUtil.createByteArrayFromIpAddressString(host);
		if (address != null) {
			return InetAddress.getByAddress(host, address);
		}
		throw new UnknownHostException(host + ": test clients resolve only localhost and IP addresses");
	}

}
