package io.keyward.api.webhook;

import io.keyward.workflows.integration.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a signed string with a shared secret, compared in constant time. */
public final class HmacSignature {
  private final Secret secret;

  public HmacSignature(Secret secret) {
    this.secret = secret;
  }

  /** The lower-case hex HMAC-SHA256 of {@code prefix} followed by {@code body}. */
  public String hex(String prefix, byte[] body) {
    byte[] key = secret.bytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Whether {@code presented} equals {@code expected}, taking the same time wherever they differ.
   */
  public static boolean matches(String expected, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        presented.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
