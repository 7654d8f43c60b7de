package io.keyward.activities.hsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret from which the software key provider derives the keys that seal key material at rest.
 * Whoever holds it can read every software key, so it comes only from the environment or a file
 * with tight permissions, never from configuration in the repository.
 *
 * <p>Sources, in order: the variable {@code KEYWARD_MASTER_SECRET} (base64, at least 32 bytes), the
 * file named by {@code KEYWARD_MASTER_SECRET_FILE}, or a configured file; a file holds the secret
 * in base64 too. {@link #loadOrGenerate(Path)} is for development only: it makes a secret on first
 * use and warns on every start that keys are protected by it.
 *
 * <p>{@link #toString()} never shows the value; the bytes are reachable only inside this package.
 */
public final class MasterSecret {
  public static final String ENV_VALUE = "KEYWARD_MASTER_SECRET";
  public static final String ENV_FILE = "KEYWARD_MASTER_SECRET_FILE";
  public static final int MIN_BYTES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(MasterSecret.class);
  private static final int GENERATED_BYTES = 32;

  private final byte[] value;

  private MasterSecret(byte[] value) {
    this.value = value;
  }

  /** A secret of at least {@value #MIN_BYTES} bytes; the array is copied. */
  public static MasterSecret of(byte[] value) {
    if (value == null || value.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the master secret must be at least "
              + MIN_BYTES
              + " bytes, was "
              + (value == null ? 0 : value.length));
    }
    return new MasterSecret(value.clone());
  }

  /**
   * Decodes a base64 secret. {@code source} names where the text came from (a variable or file) so
   * the error says what to fix; the text itself is never repeated in an error.
   */
  public static MasterSecret fromBase64(String base64, String source) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException(source + " is empty: expected a base64 master secret");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not valid base64");
    }
    try {
      if (decoded.length < MIN_BYTES) {
        throw new IllegalArgumentException(
            source
                + " must decode to at least "
                + MIN_BYTES
                + " bytes, decodes to "
                + decoded.length);
      }
      return new MasterSecret(decoded.clone());
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** Reads a base64 secret from a file. */
  public static MasterSecret fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("master secret file " + file + " does not exist");
    }
    try {
      return fromBase64(
          Files.readString(file, StandardCharsets.US_ASCII), "master secret file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read master secret file " + file, e);
    }
  }

  /**
   * The secret named by the environment: {@value #ENV_VALUE}, else the file in {@value #ENV_FILE},
   * else {@code configuredFile}. Both variables at once is refused as ambiguous.
   *
   * @param environment usually {@code System.getenv()}
   * @param configuredFile a file from configuration, or null
   */
  public static MasterSecret fromEnvironment(Map<String, String> environment, Path configuredFile) {
    String value = environment.get(ENV_VALUE);
    String file = environment.get(ENV_FILE);
    boolean hasValue = value != null && !value.isEmpty();
    boolean hasFile = file != null && !file.isEmpty();
    if (hasValue && hasFile) {
      throw new IllegalArgumentException(
          "set either " + ENV_VALUE + " or " + ENV_FILE + ", not both");
    }
    if (hasValue) {
      return fromBase64(value, ENV_VALUE);
    }
    if (hasFile) {
      return fromFile(Path.of(file));
    }
    if (configuredFile != null) {
      return fromFile(configuredFile);
    }
    throw new IllegalArgumentException(
        "no master secret: set "
            + ENV_VALUE
            + " (base64, at least "
            + MIN_BYTES
            + " bytes) or "
            + ENV_FILE
            + ", or configure a master secret file");
  }

  /**
   * Development only: reads the secret from {@code file}, generating {@value #GENERATED_BYTES}
   * random bytes into it (owner-only permissions where the file system has POSIX permissions) when
   * it does not exist. Logs a warning naming the file, never the value, because keys sealed under a
   * secret that sits next to them are not protected in any real sense.
   */
  public static MasterSecret loadOrGenerate(Path file) {
    boolean generated = false;
    if (!Files.exists(file)) {
      generated = generate(file);
    }
    MasterSecret secret = fromFile(file);
    LOG.warn(
        "Keys of the software provider are sealed with a {} development master secret kept in {};"
            + " set {} or {} outside development",
        generated ? "newly generated" : "generated",
        file.toAbsolutePath(),
        ENV_VALUE,
        ENV_FILE);
    return secret;
  }

  /** Creates the file (owner-only where POSIX) and writes a new secret; false if it existed. */
  private static boolean generate(Path file) {
    byte[] random = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(random);
    byte[] text = Base64.getEncoder().encode(random);
    Arrays.fill(random, (byte) 0);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      } else {
        Files.createFile(file);
      }
      Files.write(file, text, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write master secret file " + file, e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /** A copy of the secret's bytes; callers clear it when done. */
  byte[] copyBytes() {
    return value.clone();
  }

  @Override
  public String toString() {
    return "MasterSecret[redacted]";
  }
}
