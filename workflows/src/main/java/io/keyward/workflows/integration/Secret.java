package io.keyward.workflows.integration;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A credential or shared secret (a token, a password, a signing key) held in memory. Its {@link
 * #toString} never shows the value, so it is safe to pass to a logger or put in a record by
 * mistake; read it only where it is used.
 */
public final class Secret {
  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException when the value is empty
   */
  public static Secret of(byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value.clone());
  }

  public static Secret ofText(String value) {
    return of(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the value; the caller should clear it after use. */
  public byte[] bytes() {
    return value.clone();
  }

  /** The value as UTF-8 text, for APIs that take a string (HTTP headers, tokens). */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && java.security.MessageDigest.isEqual(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
