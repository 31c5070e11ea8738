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

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The one way the library reads a file it is given: the persistent token cache, a client
 * secret file, and the certificate and federated token files of later credentials.
 * <ul>
 * <li>Only a regular file is opened: a FIFO would block the reader forever, a device such
 * as {@code /dev/zero} never ends. Secret files are checked on the target of their
 * symbolic links (a Kubernetes volume's {@code ..data} link is swapped on every update);
 * the token cache follows no link at all.</li>
 * <li>At most a cap of bytes is read, per use: a multi-gigabyte file costs nothing.</li>
 * <li>{@link #read(Snapshot, boolean, Scheduler)} reads on a worker thread of its own,
 * never on the caller's (often an event loop), and its caller waits at most the timeout,
 * on the credential's scheduler. One read of each kind runs at a time and later callers
 * join it; while a read has been stuck longer than the timeout (a hung mount), callers
 * fail at once instead of waiting again. A read that never returns costs one daemon
 * thread, not one per call. No lock is held while reading.</li>
 * </ul>
 * Callers keep the last good content when a read fails or times out.
 *
 * @author Entra Identity contributors
 */
public final class BoundedFileReader {

	/**
	 * Largest client secret file read: a secret is a few dozen bytes.
	 */
	public static final int SECRET_MAX_BYTES = 16 * 1024;

	/**
	 * Largest certificate file read: a PEM or PKCS#12 file with a chain.
	 */
	public static final int CERTIFICATE_MAX_BYTES = 1024 * 1024;

	/**
	 * How long a caller waits for a read by default.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS_READ = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.OTHERS_READ);

	private final Path file;

	private final int maxBytes;

	private final long timeoutMillis;

	private final FileAccess access;

	private final ThreadPoolExecutor worker;

	private final AtomicReference<@Nullable Running> checking = new AtomicReference<>();

	private final AtomicReference<@Nullable Running> forced = new AtomicReference<>();

	/**
	 * Create a reader of a file whose symbolic links are followed, such as a secret in a
	 * Kubernetes volume.
	 * @param file the file
	 * @param maxBytes the most bytes read
	 * @param timeout how long a caller waits for a read
	 */
	public BoundedFileReader(Path file, int maxBytes, Duration timeout) {
		this(file, maxBytes, timeout, BoundedFileReader::read);
	}

	BoundedFileReader(Path file, int maxBytes, Duration timeout, FileAccess access) {
		this.file = file;
		this.maxBytes = maxBytes;
		this.timeoutMillis = timeout.toMillis();
		this.access = access;
		// At most one read of each kind runs; a worker also runs the callbacks of the
		// read it
		// finished, so a few more threads may be busy for a moment
		this.worker = new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (runnable) -> {
			Thread thread = new Thread(runnable, "entra-identity-file-reader");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Return whether no read runs: a finished read frees its slot only after its callers
	 * were told (their callbacks run on the worker), so a test waits for this before it
	 * expects a new read to start.
	 * @return whether no read is running
	 */
	boolean isIdle() {
		return this.checking.get() == null && this.forced.get() == null;
	}

	/**
	 * Return the file read.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Read the file on the worker thread, waiting at most the timeout.
	 * @param known the snapshot read last, or {@code null}
	 * @param force whether to read the content even when the file's size, time and
	 * identity did not change since {@code known} was read (an in-place rewrite keeps
	 * them)
	 * @param timer the scheduler the wait is timed on
	 * @return {@code known} itself when the file did not change, or a new snapshot; an
	 * {@link IOException} when the file cannot be used, a {@link TimeoutException} when
	 * the read did not finish in time
	 */
	public Mono<Snapshot> read(@Nullable Snapshot known, boolean force, Scheduler timer) {
		AtomicReference<@Nullable Running> slot = force ? this.forced : this.checking;
		return Mono.defer(() -> {
			long now = timer.now(TimeUnit.MILLISECONDS);
			Running running = slot.get();
			if (running != null && now - running.startedMillis() >= this.timeoutMillis) {
				return Mono.error(new TimeoutException(
						"a read of " + this.file + " has not finished for " + (now - running.startedMillis()) + " ms"));
			}
			if (running == null) {
				running = start(slot, known, force, now);
			}
			return Mono.fromFuture(running.result(), true)
				.timeout(Duration.ofMillis(this.timeoutMillis), timer)
				.onErrorMap(TimeoutException.class,
						(ex) -> new TimeoutException(
								"a read of " + this.file + " took longer than " + this.timeoutMillis + " ms"))
				.onErrorMap(CompletionException.class, (ex) -> (ex.getCause() != null) ? ex.getCause() : ex);
		});
	}

	private Running start(AtomicReference<@Nullable Running> slot, @Nullable Snapshot known, boolean force, long now) {
		CompletableFuture<Snapshot> result = new CompletableFuture<>();
		Running created = new Running(result, now);
		Running raced = slot.compareAndExchange(null, created);
		if (raced != null) {
			return raced;
		}
		try {
			this.worker.execute(() -> {
				Snapshot snapshot = null;
				Exception failure = null;
				try {
					snapshot = readIfChanged(known, force);
				}
				catch (IOException | RuntimeException ex) {
					failure = ex;
				}
				// Freed before the outcome is published: a caller that comes after the
				// read
				// finished (a file swapped since) starts a read of its own rather than
				// taking the finished one's content
				slot.compareAndSet(created, null);
				if (failure != null) {
					result.completeExceptionally(failure);
				}
				else {
					result.complete(snapshot);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Every worker still runs callbacks of finished reads: the caller keeps the
			// value read last
			slot.compareAndSet(created, null);
			result.completeExceptionally(new IOException("no worker free to read " + this.file));
		}
		return created;
	}

	private Snapshot readIfChanged(@Nullable Snapshot known, boolean force) throws IOException {
		if (known != null && !force && known.isVersionOf(Files.readAttributes(this.file, BasicFileAttributes.class))) {
			return known;
		}
		return this.access.read(this.file, this.maxBytes);
	}

	/**
	 * Read the file on the calling thread, for callers that already run on a thread of
	 * their own (a token store's worker) or at startup.
	 * @return the snapshot
	 * @throws IOException if the file cannot be used
	 */
	public Snapshot readNow() throws IOException {
		return this.access.read(this.file, this.maxBytes);
	}

	/**
	 * Read a regular file of at most {@code maxBytes}, checked on the target of its
	 * symbolic links.
	 * @param file the file
	 * @param maxBytes the most bytes read
	 * @return the snapshot
	 * @throws IOException if it cannot be read, is not a regular file or is larger
	 */
	static Snapshot read(Path file, int maxBytes) throws IOException {
		return read(file, maxBytes, true);
	}

	/**
	 * Read a regular file of at most {@code maxBytes}.
	 * @param file the file
	 * @param maxBytes the most bytes read
	 * @param followLinks whether symbolic links are followed; if not, a link at the path
	 * is refused
	 * @return the snapshot
	 * @throws IOException if it cannot be read, is not a regular file or is larger
	 */
	static Snapshot read(Path file, int maxBytes, boolean followLinks) throws IOException {
		LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		BasicFileAttributes attributes = posix ? Files.readAttributes(file, PosixFileAttributes.class, options)
				: Files.readAttributes(file, BasicFileAttributes.class, options);
		if (!attributes.isRegularFile()) {
			throw new UnsuitableFileException("it is not a regular file (a " + (followLinks ? "" : "symbolic link, ")
					+ "FIFO, device or directory)");
		}
		if (attributes.size() > maxBytes) {
			throw new UnsuitableFileException("it is larger than " + maxBytes + " bytes");
		}
		// The file may change between the check and the open: the read stays capped, and
		// a FIFO swapped in just then blocks only the worker, for which callers wait no
		// longer than the timeout
		Set<OpenOption> open = followLinks ? Set.of(StandardOpenOption.READ)
				: Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		try (FileChannel channel = FileChannel.open(file, open); InputStream in = Channels.newInputStream(channel)) {
			byte[] content = in.readNBytes(maxBytes + 1);
			if (content.length > maxBytes) {
				throw new UnsuitableFileException("it is larger than " + maxBytes + " bytes");
			}
			Set<PosixFilePermission> permissions = (attributes instanceof PosixFileAttributes posixAttributes)
					? posixAttributes.permissions() : null;
			return new Snapshot(content, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(),
					permissions);
		}
	}

	@Override
	public String toString() {
		return "BoundedFileReader[" + this.file + ", at most " + this.maxBytes + " bytes]";
	}

	/**
	 * A file's content and what identifies its version.
	 *
	 * @param content the bytes read
	 * @param fileKey the file's identity (device and inode), or {@code null}
	 * @param modified when it was last modified
	 * @param size its size when checked
	 * @param permissions its POSIX permissions, or {@code null} where there are none
	 */
	public record Snapshot(byte[] content, @Nullable Object fileKey, FileTime modified, long size,
			@Nullable Set<PosixFilePermission> permissions) {

		/**
		 * Return whether the attributes describe the file this snapshot was read from,
		 * unchanged.
		 * @param attributes the file's current attributes
		 * @return whether it is the same version
		 */
		public boolean isVersionOf(BasicFileAttributes attributes) {
			return Objects.equals(this.fileKey, attributes.fileKey())
					&& this.modified.equals(attributes.lastModifiedTime()) && this.size == attributes.size();
		}

		/**
		 * Return the permissions that let others than the owner read the file, as
		 * {@code rwxrwxrwx} text, or {@code null} when there are none.
		 * @return the permissions or {@code null}
		 */
		public @Nullable String readableByOthers() {
			if (this.permissions == null || this.permissions.stream().noneMatch(GROUP_OR_OTHERS_READ::contains)) {
				return null;
			}
			return PosixFilePermissions.toString(this.permissions);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

		@Override
		public String toString() {
			return "Snapshot[" + this.content.length + " bytes, modified " + this.modified + "]";
		}

	}

	/**
	 * A file the rules refuse to read.
	 */
	public static final class UnsuitableFileException extends IOException {

		private static final long serialVersionUID = 1L;

		UnsuitableFileException(String message) {
			super(message);
		}

	}

	/**
	 * The blocking read itself: {@link BoundedFileReader#read(Path, int)}, or a stand-in
	 * in tests.
	 */
	@FunctionalInterface
	interface FileAccess {

		Snapshot read(Path file, int maxBytes) throws IOException;

	}

	private record Running(CompletableFuture<Snapshot> result, long startedMillis) {

	}

}
