package io.keyward.activities.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) under which a bearer token (a session id, a sign-in token) is kept. The tokens
 * are 256 random bits, so a plain hash cannot be reversed by guessing; the database never holds the
 * token itself.
 */
final class TokenHash {
  private TokenHash() {}

  static String of(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a token is required");
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
