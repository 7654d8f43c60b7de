package io.keyward.activities.audit;

import io.keyward.workflows.integration.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates audit records with HMAC-SHA256 under a key that does not live in the database.
 * Someone who can write the database can recompute every SHA-256 of the chain, but not these MACs,
 * so a rewritten record is reported. The MAC covers a record's sequence and hash, and the hash
 * covers its content and its link to the record before.
 */
public final class AuditMac {
  /** The shortest key accepted: 256 bits, e.g. {@code openssl rand -hex 32}. */
  public static final int MIN_KEY_BYTES = 32;

  private static final HexFormat HEX = HexFormat.of();
  private final SecretKeySpec key;

  /**
   * @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public AuditMac(Secret key) {
    byte[] bytes = key.bytes();
    try {
      if (bytes.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "the audit key must have at least "
                + MIN_KEY_BYTES
                + " bytes (e.g. openssl rand -hex 32), it has "
                + bytes.length);
      }
      this.key = new SecretKeySpec(bytes, "HmacSHA256");
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The MAC of the record at {@code sequence} whose hash is {@code hash}, as lowercase hex. */
  public String of(long sequence, String hash) {
    return HEX.formatHex(compute("keyward-audit-record-v1\n" + sequence + "\n" + hash));
  }

  /** Compares in constant time. */
  public boolean matches(long sequence, String hash, String mac) {
    if (mac == null) {
      return false;
    }
    return MessageDigest.isEqual(
        of(sequence, hash).getBytes(StandardCharsets.US_ASCII),
        mac.getBytes(StandardCharsets.US_ASCII));
  }

  /** A value derived from the key for another purpose (e.g. the embedded database's password). */
  public String derivedSecret(String purpose) {
    return HEX.formatHex(compute("keyward-derived-v1\n" + purpose));
  }

  private byte[] compute(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "AuditMac[HmacSHA256]";
  }
}
