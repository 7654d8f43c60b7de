package io.keyward.activities.audit;

import io.keyward.workflows.integration.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The audit key of the embedded database: 32 random bytes as hex in {@code <data>/audit.key},
 * created on first use with permissions {@code rw-------}. It sits outside the database file, so a
 * tool that edits the database alone cannot re-authenticate what it changed; on a laptop whoever
 * owns the data directory holds both, which is why a database server takes its key from a secret
 * source instead.
 */
public final class AuditKeyFile {
  public static final String NAME = "audit.key";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AuditKeyFile() {}

  public static Path in(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve(NAME);
  }

  /** Reads the key in {@code dataDir}, creating it first when there is none. */
  public static Secret loadOrCreate(Path dataDir) {
    Path file = in(dataDir);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return load(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("the audit key file " + file + " cannot be created", e);
    }
  }

  /**
   * Reads the key in {@code dataDir}.
   *
   * @throws IllegalStateException when there is none
   */
  public static Secret load(Path dataDir) {
    Path file = in(dataDir);
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return Secret.ofText(text);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(
          "no audit key file " + file + ": the embedded database has no trail here");
    } catch (IOException e) {
      throw new UncheckedIOException("the audit key file " + file + " cannot be read", e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[AuditMac.MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    byte[] text = (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    java.util.Arrays.fill(key, (byte) 0);
    // Written whole beside it, then linked into place: another process sees no key or all of it.
    Path temporary = Files.createTempFile(file.getParent(), NAME, ".tmp", ownerOnly());
    try {
      Files.write(temporary, text, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Files.createLink(file, temporary);
    } catch (FileAlreadyExistsException anotherProcessWasFirst) {
      // Its key is the key.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Owner-only permissions where the file system has POSIX permissions. */
  private static FileAttribute<?>[] ownerOnly() {
    if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
  }
}
