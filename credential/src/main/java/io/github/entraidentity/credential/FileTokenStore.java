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

package io.github.entraidentity.credential;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Persistent token store: one file per cache name and CAE mode under the options'
 * directory ({@code <name>.nocae} and {@code <name>.cae}, as Microsoft's libraries name
 * them), shared by every credential and process on the host that uses the same name.
 * <p>
 * Writes take an exclusive lock on a sibling {@code .lock} file, read the current file,
 * merge their token in, drop expired tokens (and the soonest-expiring beyond
 * {@value #MAX_TOKENS_PER_FILE}), and replace the file atomically (temporary file and
 * rename), so concurrent processes neither corrupt the file nor lose each other's tokens.
 * Readers need no lock: a rename never exposes a half-written file. Files are created
 * readable by the owner only where the file system supports POSIX permissions. A file
 * that cannot be read is treated as empty and rewritten by the next save.
 *
 * @author Entra Identity contributors
 */
final class FileTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(FileTokenStore.class);

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	/**
	 * Most tokens one file keeps, so callers looping over distinct scopes or tenants
	 * cannot grow it without limit.
	 */
	static final int MAX_TOKENS_PER_FILE = 1000;

	private static final long LOCK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	/**
	 * File locks are held per JVM, so threads of one JVM (several credentials sharing a
	 * cache name) must take turns before asking the operating system.
	 */
	private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

	private final Path directory;

	private final String name;

	private final String keyPrefix;

	private final CacheFileCipher cipher;

	private final boolean posix;

	private final ConcurrentHashMap<Path, Boolean> warnedUnreadable = new ConcurrentHashMap<>();

	private FileTokenStore(Path directory, String name, String authorityHost, String clientId, CacheFileCipher cipher) {
		this.directory = directory;
		this.name = name;
		this.keyPrefix = authorityHost + "|" + clientId + "|";
		this.cipher = cipher;
		this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	/**
	 * Open the store the options describe. Reads the key file, if any, but no cache file.
	 * @param options the options
	 * @param authorityHost the authority host tokens are issued by
	 * @param clientId the client id tokens are issued to
	 * @return the store
	 * @throws InvalidCredentialSettingsException if no key is configured and unencrypted
	 * storage is not allowed, or the key cannot be used
	 */
	static FileTokenStore open(TokenCachePersistenceOptions options, String authorityHost, String clientId) {
		CacheFileCipher cipher = CacheFileCipher.of(options);
		return new FileTokenStore(options.directory().toAbsolutePath().normalize(), options.name(), authorityHost,
				clientId, cipher);
	}

	/**
	 * Return the file holding tokens of the given CAE mode.
	 * @param cae whether the tokens are CAE-capable
	 * @return the file
	 */
	Path file(boolean cae) {
		return this.directory.resolve(this.name + (cae ? ".cae" : ".nocae"));
	}

	@Override
	public @Nullable CachedToken load(TokenKey key, long nowMillis) {
		CachedToken token = read(file(key.cae())).get(entryKey(key));
		return (token != null && token.isValidAt(nowMillis)) ? token : null;
	}

	@Override
	public void save(TokenKey key, CachedToken token, long nowMillis) {
		Path file = file(key.cae());
		try {
			createDirectory();
			withLock(file, () -> {
				StoredTokens tokens = read(file);
				tokens.put(entryKey(key), token);
				tokens.trim(nowMillis, MAX_TOKENS_PER_FILE);
				write(file, tokens);
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write token cache file " + file + " ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
		}
	}

	private String entryKey(TokenKey key) {
		return this.keyPrefix + key.tenantId().toLowerCase(Locale.ROOT) + "|"
				+ String.join(" ", new TreeSet<>(key.scopes()));
	}

	private StoredTokens read(Path file) {
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return StoredTokens.empty();
		}
		catch (IOException ex) {
			warnUnreadable(file, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return StoredTokens.empty();
		}
		try {
			StoredTokens tokens = StoredTokens.fromJson(this.cipher.open(content, file.getFileName().toString()));
			this.warnedUnreadable.remove(file);
			return tokens;
		}
		catch (CacheFileCipher.UnreadableFileException ex) {
			warnUnreadable(file, ex.getMessage());
			return StoredTokens.empty();
		}
	}

	private void warnUnreadable(Path file, @Nullable String reason) {
		String message = "Token cache file " + file + " cannot be used (" + reason
				+ "); treating it as empty, the next token will overwrite it";
		if (this.warnedUnreadable.putIfAbsent(file, Boolean.TRUE) == null) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private void write(Path file, StoredTokens tokens) throws IOException {
		byte[] content = this.cipher.seal(tokens.toJson(), file.getFileName().toString());
		Path temp = Files.createTempFile(this.directory, file.getFileName().toString() + ".", ".tmp",
				ownerOnly(OWNER_READ_WRITE));
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(content));
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private void withLock(Path file, IoAction action) throws IOException {
		Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
		ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, (path) -> new ReentrantLock());
		try {
			if (!inProcess.tryLock(LOCK_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
				throw new IOException("Timed out waiting for the lock on " + lockFile);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted waiting for the lock on " + lockFile, ex);
		}
		try (FileChannel channel = openLockFile(lockFile); FileLock lock = lockWithTimeout(channel, lockFile)) {
			action.run();
		}
		finally {
			inProcess.unlock();
		}
	}

	private FileChannel openLockFile(Path lockFile) throws IOException {
		try {
			Files.createFile(lockFile, ownerOnly(OWNER_READ_WRITE));
		}
		catch (FileAlreadyExistsException ex) {
			// Another credential or process created it first
		}
		return FileChannel.open(lockFile, StandardOpenOption.WRITE);
	}

	private static FileLock lockWithTimeout(FileChannel channel, Path lockFile) throws IOException {
		long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IOException("Timed out waiting for another process's lock on " + lockFile);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	private void createDirectory() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			Files.createDirectories(this.directory, ownerOnly(OWNER_ONLY_DIRECTORY));
		}
	}

	private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		return this.posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	@Override
	public String toString() {
		return "FileTokenStore[directory=" + this.directory + ", name=" + this.name + ", " + this.cipher + "]";
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
