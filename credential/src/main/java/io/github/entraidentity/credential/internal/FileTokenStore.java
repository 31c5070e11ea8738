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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persistent token store: one file per cache name, encryption key and CAE mode under the
 * options' directory ({@code <name>.<key fingerprint>.nocae} and {@code .cae}; without a
 * key {@code <name>.nocae} and {@code <name>.cae}, as Microsoft's libraries name them),
 * shared by every credential and process on the host that uses the same name and key.
 * Instances with different keys (two deployments, or a key rotation during a rolling
 * deploy) therefore never overwrite each other's tokens.
 * <p>
 * Writes take an exclusive lock on a sibling {@code .lock} file, read the current file,
 * merge their token in, drop expired tokens (and the soonest-expiring beyond
 * {@value #MAX_TOKENS_PER_FILE}), and replace the file atomically (temporary file and
 * rename), so concurrent processes neither corrupt the file nor lose each other's tokens.
 * Readers need no lock: a rename never exposes a half-written file. Files are created
 * readable by the owner only where the file system supports POSIX permissions. A file
 * that cannot be read is treated as empty and rewritten by the next save.
 * <p>
 * The directory is not trusted as it is. Where POSIX permissions exist it must be owned
 * by the user running the process and not writable by group or others; otherwise reads
 * are misses and writes are skipped (logged once), and plaintext storage is refused when
 * the store is opened. Only regular files of at most {@value #MAX_FILE_BYTES} bytes are
 * read, without following symbolic links: a FIFO, device or link at the file's path is
 * never opened.
 *
 * @author Entra Identity contributors
 */
public final class FileTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(FileTokenStore.class);

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	/**
	 * Most tokens one file keeps, so callers looping over distinct scopes or tenants
	 * cannot grow it without limit.
	 */
	static final int MAX_TOKENS_PER_FILE = 1000;

	/**
	 * Largest file read: {@value #MAX_TOKENS_PER_FILE} tokens of several kilobytes each
	 * fit comfortably.
	 */
	static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

	private static final long LOCK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * File locks are held per JVM, so threads of one JVM (several credentials sharing a
	 * cache name) must take turns before asking the operating system.
	 */
	private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

	private final Path directory;

	private final String name;

	private final String authority;

	private final String clientId;

	private final CacheFileCipher cipher;

	private final boolean posix;

	private final ConcurrentHashMap<Path, Boolean> warnedUnreadable = new ConcurrentHashMap<>();

	private final AtomicBoolean warnedUntrusted = new AtomicBoolean();

	private final AtomicBoolean reportedOtherKeys = new AtomicBoolean();

	private FileTokenStore(Path directory, String name, String authority, String clientId, CacheFileCipher cipher) {
		this.directory = directory;
		this.name = name;
		this.authority = authority;
		this.clientId = clientId;
		this.cipher = cipher;
		this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	/**
	 * Open the store the options describe. Reads the key file, if any, but no cache file.
	 * @param options the options
	 * @param authority the canonical authority tokens are issued by (see
	 * {@link Authority#canonical()})
	 * @param clientId the client id tokens are issued to
	 * @return the store
	 * @throws InvalidCredentialSettingsException if no key is configured and unencrypted
	 * storage is not allowed, the key cannot be used, or plaintext storage is asked for
	 * in a directory that others can write to or that another user owns
	 */
	public static FileTokenStore open(TokenCachePersistenceOptions options, String authority, String clientId) {
		CacheFileCipher cipher = CacheFileCipher.of(options);
		FileTokenStore store = new FileTokenStore(options.directory().toAbsolutePath().normalize(), options.name(),
				authority, clientId, cipher);
		if (!cipher.encrypts()) {
			String problem = store.untrustedDirectoryProblem();
			if (problem != null) {
				String setting = TokenCachePersistenceOptions.SETTING;
				throw InvalidCredentialSettingsException.of(setting + "directory",
						"is refused for plaintext storage: " + problem,
						"Use a directory only this user can write to (for example chmod 700), or encrypt the cache"
								+ " with " + setting + "encryptionKey or " + setting + "encryptionKeyFile.");
			}
		}
		return store;
	}

	/**
	 * Return the file holding tokens of the given CAE mode.
	 * @param cae whether the tokens are CAE-capable
	 * @return the file
	 */
	Path file(boolean cae) {
		String fingerprint = this.cipher.keyFingerprint();
		return this.directory
			.resolve(this.name + ((fingerprint != null) ? "." + fingerprint : "") + (cae ? ".cae" : ".nocae"));
	}

	@Override
	public @Nullable CachedToken load(TokenKey key, long nowMillis) {
		if (Files.notExists(this.directory, LinkOption.NOFOLLOW_LINKS) || !isTrusted()) {
			return null;
		}
		CachedToken token = read(file(key.cae())).get(entryKey(key));
		// A file may say anything: a token valid for longer than any response could make
		// it is not one this credential stored
		long maxLifetimeMillis = TokenResponseParser.MAX_EXPIRES_IN_SECONDS * 1000;
		return (token != null && token.isValidAt(nowMillis) && token.expiresAtMillis() - nowMillis <= maxLifetimeMillis)
				? token : null;
	}

	@Override
	public void save(TokenKey key, CachedToken token, long nowMillis) {
		Path file = file(key.cae());
		try {
			createDirectory();
			if (!isTrusted()) {
				return;
			}
			reportOtherKeysOnce();
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

	/**
	 * Key of an entry: the canonical authority, client, tenant and sorted scopes as a
	 * JSON array, so no value can pass for a field separator.
	 */
	private String entryKey(TokenKey key) {
		List<String> fields = new ArrayList<>();
		fields.add(this.authority);
		fields.add(this.clientId);
		fields.add(key.tenantId().toLowerCase(Locale.ROOT));
		fields.addAll(new TreeSet<>(key.scopes()));
		return JSON.writeValueAsString(fields);
	}

	private StoredTokens read(Path file) {
		byte[] content;
		try {
			// The rule every file the library reads follows; no link is followed here
			content = BoundedFileReader.read(file, MAX_FILE_BYTES, false).content();
		}
		catch (NoSuchFileException ex) {
			return StoredTokens.empty();
		}
		catch (BoundedFileReader.UnsuitableFileException ex) {
			warnUnreadable(file, ex.getMessage());
			return StoredTokens.empty();
		}
		catch (IOException ex) {
			warnUnreadable(file, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return StoredTokens.empty();
		}
		catch (CacheFileCipher.UnreadableFileException ex) {
			warnUnreadable(file, ex.getMessage());
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

	/**
	 * Return whether the directory may be used, logging once when it may not.
	 */
	private boolean isTrusted() {
		String problem = untrustedDirectoryProblem();
		if (problem == null) {
			this.warnedUntrusted.set(false);
			return true;
		}
		String message = "Token cache directory " + this.directory + " is not used: " + problem
				+ ". Tokens are neither read from nor written to it until it is owned by this user and writable by"
				+ " no one else (for example chmod 700)";
		if (this.warnedUntrusted.compareAndSet(false, true)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return false;
	}

	/**
	 * Return why the directory must not be trusted, or {@code null} if it may be (or does
	 * not exist yet, or the file system has no POSIX permissions to check).
	 */
	@Nullable String untrustedDirectoryProblem() {
		if (!this.posix) {
			return null;
		}
		PosixFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.directory, PosixFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			return "its permissions cannot be read (" + ex.getClass().getSimpleName() + ")";
		}
		if (!attributes.isDirectory()) {
			return "it is not a directory";
		}
		Set<PosixFilePermission> permissions = attributes.permissions();
		if (permissions.contains(PosixFilePermission.GROUP_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			return "it is writable by "
					+ (permissions.contains(PosixFilePermission.OTHERS_WRITE) ? "others" : "its group")
					+ " (permissions " + PosixFilePermissions.toString(permissions) + ")";
		}
		if (!CurrentUser.owns(this.directory, attributes)) {
			return "it is owned by " + attributes.owner().getName() + ", not by the user running this process";
		}
		return null;
	}

	/**
	 * Say once that files of other keys share the directory: they are left alone, which
	 * is why this instance does not see their tokens.
	 */
	private void reportOtherKeysOnce() {
		String fingerprint = this.cipher.keyFingerprint();
		if (fingerprint == null || this.reportedOtherKeys.getAndSet(true)) {
			return;
		}
		String ours = this.name + "." + fingerprint + ".";
		try (Stream<Path> files = Files.list(this.directory)) {
			long others = files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.startsWith(this.name + ".") && !file.startsWith(ours)
						&& (file.endsWith(".nocae") || file.endsWith(".cae")))
				.count();
			if (others > 0) {
				logger.info("Token cache directory " + this.directory + " holds " + others + " file(s) of cache '"
						+ this.name + "' written without this encryption key (another deployment, a rotated key or"
						+ " plaintext storage); they are left alone and this instance keeps its tokens in "
						+ file(false).getFileName() + " and " + file(true).getFileName());
			}
		}
		catch (IOException ex) {
			logger.debug("Could not list token cache directory " + this.directory + ": " + ex.getMessage());
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
		BasicFileAttributes attributes = Files.readAttributes(lockFile, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		if (!attributes.isRegularFile()) {
			// A FIFO would block the open until a reader appears
			throw new IOException("the lock file " + lockFile + " is not a regular file");
		}
		return FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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
