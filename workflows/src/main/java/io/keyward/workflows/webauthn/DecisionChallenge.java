package io.keyward.workflows.webauthn;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The WebAuthn challenge of one decision: SHA-256 over a canonical encoding of the workflow id, its
 * run, the step (the decision and the phase it answers), a hash of the reason and a nonce. Each
 * field is its UTF-8 bytes after a four-byte length, after a version label, so no two different
 * decisions share an encoding. The API computes it for the browser; the workflow computes it again
 * from what it knows of itself and refuses an assertion over anything else.
 */
public final class DecisionChallenge {
  static final String LABEL = "keyward-decision-challenge-v1";

  private DecisionChallenge() {}

  /** The step a decision answers, e.g. {@code APPROVE@AWAITING_APPROVAL}. */
  public static String step(String decision, String phase) {
    return decision + "@" + phase;
  }

  /** The challenge bytes, base64url without padding as the browser's clientData names them. */
  public static String of(
      String workflowId, String runId, String step, String reason, String nonce) {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    for (String field : new String[] {LABEL, workflowId, runId, step, reasonHash(reason), nonce}) {
      byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
      encoded.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      encoded.writeBytes(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(encoded.toByteArray()));
  }

  /** SHA-256 of the reason (an absent reason as the empty text), hex. */
  public static String reasonHash(String reason) {
    return HexFormat.of()
        .formatHex(sha256((reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
