package io.keyward.activities.hsm.pkcs11;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The user PIN of a PKCS#11 token. Whoever holds it can use every key in the token, so it comes
 * only from an environment variable or a file, never from the providers file in the repository;
 * {@link #toString()} never shows it and no error message repeats it.
 *
 * <p>A file holds the PIN as its only line; a trailing line break is ignored.
 */
public final class Pkcs11Pin {
  /** The variable read when the configuration names neither a variable nor a file. */
  public static final String DEFAULT_ENV = "KEYWARD_PKCS11_PIN";

  private final char[] value;
  private final String source;

  private Pkcs11Pin(char[] value, String source) {
    this.value = value;
    this.source = source;
  }

  /** A PIN given directly, for tests and tools; {@code source} names it in error messages. */
  public static Pkcs11Pin of(char[] value, String source) {
    Objects.requireNonNull(value, "value");
    if (value.length == 0) {
      throw new IllegalArgumentException(source + " is empty: expected the token's user PIN");
    }
    return new Pkcs11Pin(value.clone(), source);
  }

  /** The PIN in the environment variable {@code variable}. */
  public static Pkcs11Pin fromEnvironment(Map<String, String> environment, String variable) {
    String text = environment.get(variable);
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(
          "environment variable " + variable + " is not set: it must hold the token's user PIN");
    }
    return new Pkcs11Pin(text.toCharArray(), "environment variable " + variable);
  }

  /** The PIN in {@code file}. */
  public static Pkcs11Pin fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("PIN file " + file + " does not exist");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "PIN file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
    try {
      int end = bytes.length;
      while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
        end--;
      }
      if (end == 0) {
        throw new IllegalArgumentException("PIN file " + file + " is empty");
      }
      CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
      char[] pin = new char[decoded.remaining()];
      decoded.get(pin);
      Arrays.fill(decoded.array(), '\0');
      return new Pkcs11Pin(pin, "PIN file " + file);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The PIN itself, for the token login only. */
  char[] chars() {
    return value;
  }

  /** Where the PIN came from, for error messages. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Pkcs11Pin[from " + source + "]";
  }
}
