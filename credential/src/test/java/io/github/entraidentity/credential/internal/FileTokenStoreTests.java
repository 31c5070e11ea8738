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

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.entraidentity.credential.AccessToken;
import io.github.entraidentity.credential.InvalidCredentialSettingsException;
import io.github.entraidentity.credential.TokenCachePersistenceOptions;
import io.github.entraidentity.testsupport.LogCapture;
import io.github.entraidentity.testsupport.LogCaptureExtension;
import io.github.entraidentity.testsupport.NamedPipes;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tokens written to the persistent cache files: encrypted, atomic, owner-only, merged
 * between writers, and never a crash when a file is damaged.
 *
 * @author Entra Identity contributors
 */
@ExtendWith(LogCaptureExtension.class)
class FileTokenStoreTests {

	private static final String HOST = "login.microsoftonline.com";

	private static final long NOW = Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();

	private static final TokenKey KEY = new TokenKey("tenant-1", Set.of("api://x/.default"), false);

	@TempDir
	Path directory;

	private final byte[] key = key(1);

	@Test
	void savedTokenIsLoadedBackWithItsTiming() {
		FileTokenStore store = store(this.key);
		CachedToken token = new CachedToken(new AccessToken("tok-1", Instant.ofEpochMilli(NOW + 3_600_000), "Bearer",
				Instant.ofEpochMilli(NOW + 1_800_000)), NOW + 1_800_000, NOW + 3_600_000);
		store.save(KEY, token, NOW);
		assertThat(store(this.key).load(KEY, NOW)).isEqualTo(token);
		assertThat(store(this.key).load(new TokenKey("TENANT-1", Set.of("api://x/.default"), false), NOW))
			.isEqualTo(token);
	}

	@Test
	void tokensAreKeyedByAuthorityClientTenantScopeSetAndCaeMode() {
		FileTokenStore store = store(this.key);
		TokenKey twoScopes = new TokenKey("tenant-1", Set.of("api://a/read", "api://a/write"), false);
		store.save(twoScopes, token("tok-ab", 3600), NOW);
		assertThat(store
			.load(new TokenKey("tenant-1", new LinkedHashSet<>(List.of("api://a/write", "api://a/read")), false), NOW))
			.isNotNull();
		assertThat(store.load(new TokenKey("tenant-2", twoScopes.scopes(), false), NOW)).isNull();
		assertThat(store.load(new TokenKey("tenant-1", twoScopes.scopes(), true), NOW)).isNull();
		assertThat(store.load(new TokenKey("tenant-1", Set.of("api://a/read"), false), NOW)).isNull();
		assertThat(store(this.key, "login.microsoftonline.us", "client-1").load(twoScopes, NOW)).isNull();
		assertThat(store(this.key, HOST, "client-2").load(twoScopes, NOW)).isNull();
	}

	@Test
	void caeAndNonCaeTokensLiveInSeparateFilesNamedAfterTheCacheAndTheKey() {
		FileTokenStore store = store(this.key);
		store.save(KEY, token("tok-plain", 3600), NOW);
		store.save(new TokenKey("tenant-1", KEY.scopes(), true), token("tok-cae", 3600), NOW);
		assertThat(store.file(false)).isRegularFile().hasFileName("test." + fingerprint() + ".nocae");
		assertThat(store.file(true)).isRegularFile().hasFileName("test." + fingerprint() + ".cae");
		assertThat(store.load(KEY, NOW).token().token()).isEqualTo("tok-plain");
		assertThat(store.load(new TokenKey("tenant-1", KEY.scopes(), true), NOW).token().token()).isEqualTo("tok-cae");
	}

	@Test
	void expiredTokensAreNotLoadedAndAreDroppedByTheNextSave() throws Exception {
		FileTokenStore store = store(this.key);
		store.save(KEY, token("tok-short", 60), NOW);
		assertThat(store.load(KEY, NOW + 60_000)).isNull();
		TokenKey other = new TokenKey("tenant-1", Set.of("api://other/.default"), false);
		store.save(other, token("tok-other", 3600), NOW + 60_000);
		assertThat(store.load(KEY, NOW)).isNull();
		assertThat(store.load(other, NOW + 60_000)).isNotNull();
	}

	@Test
	void encryptedFileContainsNeitherTheTokenNorPlaintextJson() throws Exception {
		store(this.key).save(KEY, token("eyJ0eXAiOiJKV1Qi-secret-token", 3600), NOW);
		byte[] content = Files.readAllBytes(nocaeFile());
		String text = new String(content, StandardCharsets.ISO_8859_1);
		assertThat(text).startsWith("ETC\u0001")
			.doesNotContain("eyJ0eXAiOiJKV1Qi")
			.doesNotContain("Bearer")
			.doesNotContain("tenant-1")
			.doesNotContain("api://x");
	}

	@Test
	void eachWriteUsesAFreshNonce() throws Exception {
		FileTokenStore store = store(this.key);
		store.save(KEY, token("tok-1", 3600), NOW);
		byte[] first = Files.readAllBytes(nocaeFile());
		store.save(KEY, token("tok-1", 3600), NOW);
		byte[] second = Files.readAllBytes(nocaeFile());
		assertThat(Arrays.copyOfRange(first, 4, 16)).isNotEqualTo(Arrays.copyOfRange(second, 4, 16));
	}

	@Test
	void filesAreReadableByTheOwnerOnly() throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Path cacheDirectory = this.directory.resolve("new/.IdentityService");
		FileTokenStore store = FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(cacheDirectory)
			.encryptionKey(this.key)
			.build(), HOST, "client-1");
		store.save(KEY, token("tok-1", 3600), NOW);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDirectory))).isEqualTo("rwx------");
		Path file = store.file(false);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(file.resolveSibling(file.getFileName() + ".lock"))))
			.isEqualTo("rw-------");
		try (var files = Files.list(cacheDirectory)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrder(file.getFileName().toString(), file.getFileName() + ".lock");
		}
	}

	@Test
	void unencryptedStorageWritesOwnerOnlyJsonWithoutTheSecret() throws Exception {
		FileTokenStore store = FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(this.directory)
			.allowUnencryptedStorage(true)
			.build(), HOST, "client-1");
		store.save(KEY, token("tok-1", 3600), NOW);
		String json = Files.readString(this.directory.resolve("test.nocae"));
		assertThat(json).startsWith("{").contains("\"token\":\"tok-1\"").contains("\"tokenType\":\"Bearer\"");
		assertThat(store.load(KEY, NOW).token().token()).isEqualTo("tok-1");
		if (this.directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(
					PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve("test.nocae"))))
				.isEqualTo("rw-------");
		}
	}

	@Test
	void missingKeyWithoutPermissionForPlaintextFailsNamingBothWaysOut() {
		TokenCachePersistenceOptions options = TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(this.directory)
			.build();
		assertThatExceptionOfType(InvalidCredentialSettingsException.class)
			.isThrownBy(() -> FileTokenStore.open(options, HOST, "client-1"))
			.withMessageContaining("encryptionKey")
			.withMessageContaining("encryptionKeyFile")
			.withMessageContaining("allowUnencryptedStorage(true)");
	}

	@Test
	void keyFileMayHoldRawOrBase64Bytes() throws Exception {
		Path raw = Files.write(this.directory.resolve("raw.key"), this.key);
		Path base64 = Files.writeString(this.directory.resolve("b64.key"),
				Base64.getEncoder().encodeToString(this.key) + "\n");
		store(this.key).save(KEY, token("tok-1", 3600), NOW);
		assertThat(storeWithKeyFile(raw).load(KEY, NOW).token().token()).isEqualTo("tok-1");
		assertThat(storeWithKeyFile(base64).load(KEY, NOW).token().token()).isEqualTo("tok-1");
	}

	@Test
	void unusableKeyFileFailsWithoutShowingItsContent() throws Exception {
		Path shortKey = Files.writeString(this.directory.resolve("short.key"), "c2VjcmV0LWtleS1tYXRlcmlhbA==");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> storeWithKeyFile(shortKey))
			.withMessageContaining(shortKey.toString())
			.withMessageContaining("32 raw bytes or their base64 form")
			.withMessageNotContaining("c2VjcmV0");
		Path missing = this.directory.resolve("missing.key");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> storeWithKeyFile(missing))
			.withMessageContaining(missing.toString())
			.withMessageContaining("cannot be read");
	}

	@Test
	void corruptedFileIsTreatedAsEmptyLoggedOnceAndRewritten(LogCapture output) throws Exception {
		Files.write(nocaeFile(), "not a cache file at all".getBytes(StandardCharsets.UTF_8));
		assertUnreadableFileRecovers(store(this.key), output, "not an encrypted token cache file");
	}

	@Test
	void truncatedFileIsTreatedAsEmptyAndRewritten(LogCapture output) throws Exception {
		store(this.key).save(KEY, token("tok-old", 3600), NOW);
		Path file = nocaeFile();
		byte[] content = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(content, content.length - 5));
		assertUnreadableFileRecovers(store(this.key), output, "different key, or it was truncated or modified");
		Files.write(file, Arrays.copyOf(content, 10));
		assertThat(store(this.key).load(KEY, NOW)).isNull();
	}

	@Test
	void tamperedFileIsTreatedAsEmptyAndRewritten(LogCapture output) throws Exception {
		store(this.key).save(KEY, token("tok-old", 3600), NOW);
		Path file = nocaeFile();
		byte[] content = Files.readAllBytes(file);
		content[content.length / 2] ^= 0x01;
		Files.write(file, content);
		assertUnreadableFileRecovers(store(this.key), output, "different key, or it was truncated or modified");
	}

	@Test
	void instancesWithDifferentKeysKeepTheirOwnFilesAndNeverWipeEachOther(LogCapture output) {
		store(key(2)).save(KEY, token("tok-other-key", 3600), NOW);
		FileTokenStore store = store(this.key);
		assertThat(store.load(KEY, NOW)).isNull();
		store.save(KEY, token("tok-this-key", 3600), NOW);
		store.save(KEY, token("tok-this-key", 3600), NOW);
		assertThat(store(key(2)).load(KEY, NOW).token().token()).isEqualTo("tok-other-key");
		assertThat(store(this.key).load(KEY, NOW).token().token()).isEqualTo("tok-this-key");
		assertThat(output.text()).doesNotContain("cannot be used");
		assertThat(output.text().lines().filter((line) -> line.contains("written without this encryption key")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(" INFO ")
			.contains("left alone");
	}

	@Test
	void fileCopiedOverAnotherCacheNameIsNotAccepted(LogCapture output) throws Exception {
		store(this.key).save(KEY, token("tok-old", 3600), NOW);
		Files.copy(nocaeFile(), store(this.key).file(true));
		assertThat(store(this.key).load(new TokenKey("tenant-1", KEY.scopes(), true), NOW)).isNull();
		assertThat(output.text()).contains(store(this.key).file(true).getFileName() + " cannot be used");
	}

	@Test
	void encryptedFileIsNotReadWithoutAKey(LogCapture output) throws Exception {
		store(this.key).save(KEY, token("tok-old", 3600), NOW);
		Files.copy(nocaeFile(), this.directory.resolve("test.nocae"));
		FileTokenStore plaintext = FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(this.directory)
			.allowUnencryptedStorage(true)
			.build(), HOST, "client-1");
		assertUnreadableFileRecovers(plaintext, output, "no encryption key is configured");
	}

	@Test
	void concurrentWritersKeepEachOthersTokens() throws Exception {
		int writers = 8;
		int tokensPerWriter = 10;
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			FileTokenStore store = store(this.key, HOST, "client-" + w);
			futures.add(executor.submit(() -> {
				start.await();
				for (int t = 0; t < tokensPerWriter; t++) {
					store.save(new TokenKey("tenant-1", Set.of("api://app-" + t + "/.default"), false),
							token("tok-" + t, 3600), NOW);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
		executor.shutdown();
		for (int w = 0; w < writers; w++) {
			FileTokenStore reader = store(this.key, HOST, "client-" + w);
			for (int t = 0; t < tokensPerWriter; t++) {
				assertThat(reader.load(new TokenKey("tenant-1", Set.of("api://app-" + t + "/.default"), false), NOW))
					.as("writer %d token %d", w, t)
					.isNotNull();
			}
		}
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrder(nocaeFile().getFileName().toString(), nocaeFile().getFileName() + ".lock");
		}
	}

	@Test
	void scopesThatJoinToTheSameTextDoNotShareAnEntry() {
		FileTokenStore store = store(this.key);
		store.save(new TokenKey("tenant-1", Set.of("api://a/read api://a/write"), false), token("tok-one-scope", 3600),
				NOW);
		assertThat(store.load(new TokenKey("tenant-1", Set.of("api://a/read", "api://a/write"), false), NOW)).isNull();
	}

	@Test
	void storedTokenValidForLongerThanAnyResponseCouldMakeItIsNotLoaded() {
		FileTokenStore store = store(this.key);
		long millennia = 50_000L * 365 * 24 * 3600;
		store.save(KEY, token("tok-forever", millennia), NOW);
		assertThat(store.load(KEY, NOW)).isNull();
	}

	@Test
	@Timeout(20)
	void fifoAtTheCacheFilePathIsNeverOpened(LogCapture output) throws Exception {
		Path fifo = NamedPipes.create(nocaeFile());
		FileTokenStore store = store(this.key);
		assertThat(store.load(KEY, NOW)).isNull();
		assertThat(output.text()).contains("not a regular file");
		// The next write replaces the FIFO itself (an atomic rename), not what it leads
		// to
		store.save(KEY, token("tok-new", 3600), NOW);
		assertThat(fifo).isRegularFile();
		assertThat(store.load(KEY, NOW).token().token()).isEqualTo("tok-new");
	}

	@Test
	@Timeout(20)
	void fifoAtTheLockFilePathFailsTheWriteInsteadOfBlockingIt() throws Exception {
		NamedPipes.create(nocaeFile().resolveSibling(nocaeFile().getFileName() + ".lock"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> store(this.key).save(KEY, token("tok-new", 3600), NOW))
			.withMessageContaining("not a regular file");
	}

	@Test
	void symbolicLinkAtTheCacheFilePathIsNotFollowed(LogCapture output) throws Exception {
		Path elsewhere = Files.createDirectory(this.directory.resolve("elsewhere"));
		FileTokenStore planted = FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(elsewhere)
			.encryptionKey(this.key)
			.build(), HOST, "client-1");
		planted.save(KEY, token("tok-planted", 3600), NOW);
		Files.createSymbolicLink(nocaeFile(), planted.file(false));
		assertThat(store(this.key).load(KEY, NOW)).isNull();
		assertThat(output.text()).contains("not a regular file");
	}

	@Test
	void fileLargerThanTheCapIsNotRead(LogCapture output) throws Exception {
		try (RandomAccessFile file = new RandomAccessFile(nocaeFile().toFile(), "rw")) {
			file.setLength(FileTokenStore.MAX_FILE_BYTES + 1);
		}
		assertThat(store(this.key).load(KEY, NOW)).isNull();
		assertThat(output.text()).contains("larger than " + FileTokenStore.MAX_FILE_BYTES + " bytes");
	}

	@Test
	void directoryWritableByItsGroupIsNeitherReadNorWritten(LogCapture output) throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		FileTokenStore store = store(this.key);
		store.save(KEY, token("tok-old", 3600), NOW);
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwx---"));
		assertThat(store.load(KEY, NOW)).isNull();
		store.save(new TokenKey("tenant-1", Set.of("api://other/.default"), false), token("tok-new", 3600), NOW);
		assertThat(output.text().lines().filter((line) -> line.contains(" WARN ")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("is not used: it is writable by its group (permissions rwxrwx---)");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
		assertThat(store.load(KEY, NOW).token().token()).isEqualTo("tok-old");
		assertThat(store.load(new TokenKey("tenant-1", Set.of("api://other/.default"), false), NOW)).isNull();
	}

	@Test
	void directoryOwnedByAnotherUserIsNotUsed(LogCapture output) throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		assumeThat(System.getProperty("user.name")).as("changing a file's owner needs root").isEqualTo("root");
		Path shared = Files.createDirectory(this.directory.resolve("shared"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.setOwner(shared, shared.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
		FileTokenStore store = FileTokenStore.open(
				TokenCachePersistenceOptions.builder().name("test").directory(shared).encryptionKey(this.key).build(),
				HOST, "client-1");
		store.save(KEY, token("tok-new", 3600), NOW);
		assertThat(store.load(KEY, NOW)).isNull();
		assertThat(shared).isEmptyDirectory();
		assertThat(output.text()).contains("it is owned by nobody, not by the user running this process");
	}

	@Test
	void plaintextStorageInADirectoryOthersCanWriteToIsRefusedWhenOpened() throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> FileTokenStore.open(TokenCachePersistenceOptions.builder()
				.name("test")
				.directory(this.directory)
				.allowUnencryptedStorage(true)
				.build(), HOST, "client-1"))
			.withMessageContaining(
					"cachePersistenceOptions.directory is refused for plaintext storage: it is" + " writable by others")
			.withMessageContaining("chmod 700");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
	}

	private void assertUnreadableFileRecovers(FileTokenStore store, LogCapture output, String reason) {
		assertThat(store.load(KEY, NOW)).isNull();
		assertThat(store.load(KEY, NOW)).isNull();
		String log = output.text();
		String file = store.file(false).getFileName().toString();
		assertThat(log.lines().filter((line) -> line.contains(" WARN ") && line.contains(file)))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(reason)
			.contains("treating it as empty");
		assertThat(log).doesNotContain("tok-old").doesNotContain("Exception").doesNotContain("\tat ");
		store.save(KEY, token("tok-new", 3600), NOW);
		assertThat(store.load(KEY, NOW).token().token()).isEqualTo("tok-new");
	}

	private Path nocaeFile() {
		return store(this.key).file(false);
	}

	private String fingerprint() {
		String name = nocaeFile().getFileName().toString();
		return name.substring("test.".length(), name.length() - ".nocae".length());
	}

	private FileTokenStore store(byte[] key) {
		return store(key, HOST, "client-1");
	}

	private FileTokenStore store(byte[] key, String host, String clientId) {
		return FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(this.directory)
			.encryptionKey(key)
			.build(), host, clientId);
	}

	private FileTokenStore storeWithKeyFile(Path keyFile) {
		return FileTokenStore.open(TokenCachePersistenceOptions.builder()
			.name("test")
			.directory(this.directory)
			.encryptionKeyFile(keyFile)
			.build(), HOST, "client-1");
	}

	private static CachedToken token(String token, long expiresInSeconds) {
		return CachedToken.of(
				new AccessToken(token, Instant.ofEpochMilli(NOW + expiresInSeconds * 1000), "Bearer", null), NOW,
				300_000);
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) seed);
		return key;
	}

}
