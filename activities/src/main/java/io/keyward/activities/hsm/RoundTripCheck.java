package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.KeyOperation;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Proves a key version works (runbook 11.2 service restoration): encrypts and decrypts, or signs
 * and verifies, a fresh random 32-byte message, whichever pair the version permits (encryption
 * first). A signature must also be rejected for an altered message, and a ciphertext must differ
 * from the message, so a provider that answers "yes" to everything fails.
 *
 * <p>The result names the version and operation only; the message, ciphertext and signature never
 * leave this class. A version that exists but may not be used (disabled, expired, no usable
 * operation pair) gives a failed result saying why; an unknown key or version throws {@link
 * KeyNotFoundException}.
 */
public final class RoundTripCheck {
  public static final String SIGN_VERIFY = "sign/verify";
  public static final String ENCRYPT_DECRYPT = "encrypt/decrypt";
  private static final int MESSAGE_BYTES = 32;

  private final SecureRandom random;

  public RoundTripCheck() {
    this(new SecureRandom());
  }

  public RoundTripCheck(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Checks {@code version} of {@code key} ({@code null}: the newest) at {@code provider}. */
  public RoundTripResult run(KeyProvider provider, KeyRef key, String version) {
    KeyVersionInfo info =
        provider.find(key, version).orElseThrow(() -> KeyNotFoundException.of(key, version));
    Set<KeyOperation> operations = info.operations();
    String operation;
    if (operations.contains(KeyOperation.ENCRYPT) && operations.contains(KeyOperation.DECRYPT)) {
      operation = ENCRYPT_DECRYPT;
    } else if (operations.contains(KeyOperation.SIGN) && operations.contains(KeyOperation.VERIFY)) {
      operation = SIGN_VERIFY;
    } else {
      return new RoundTripResult(
          info.version(),
          "none",
          false,
          "version permits neither ENCRYPT and DECRYPT nor SIGN and VERIFY; permits " + operations);
    }
    byte[] message = new byte[MESSAGE_BYTES];
    random.nextBytes(message);
    try {
      return operation.equals(ENCRYPT_DECRYPT)
          ? encryptDecrypt(provider, info, message)
          : signVerify(provider, info, message);
    } catch (KeyOperationRefusedException refused) {
      return new RoundTripResult(info.version(), operation, false, refused.getMessage());
    } finally {
      Arrays.fill(message, (byte) 0);
    }
  }

  private static RoundTripResult encryptDecrypt(
      KeyProvider provider, KeyVersionInfo info, byte[] message) {
    byte[] ciphertext = provider.encrypt(info.key(), info.version(), message);
    if (Arrays.equals(ciphertext, message)) {
      return new RoundTripResult(
          info.version(), ENCRYPT_DECRYPT, false, "ciphertext equals the message");
    }
    byte[] decrypted = provider.decrypt(info.key(), info.version(), ciphertext);
    boolean same = Arrays.equals(decrypted, message);
    Arrays.fill(decrypted, (byte) 0);
    return new RoundTripResult(
        info.version(),
        ENCRYPT_DECRYPT,
        same,
        same
            ? "decrypted ciphertext matches the random message"
            : "decrypted ciphertext differs from the message");
  }

  private static RoundTripResult signVerify(
      KeyProvider provider, KeyVersionInfo info, byte[] message) {
    byte[] signature = provider.sign(info.key(), info.version(), message);
    boolean verified = provider.verify(info.key(), info.version(), message, signature);
    byte[] altered = message.clone();
    altered[0] ^= 0x01;
    boolean alteredRejected = !provider.verify(info.key(), info.version(), altered, signature);
    String detail;
    if (!verified) {
      detail = "the signature of the random message does not verify";
    } else if (!alteredRejected) {
      detail = "the signature also verifies for an altered message";
    } else {
      detail = "signature verifies, and is rejected for an altered message";
    }
    return new RoundTripResult(info.version(), SIGN_VERIFY, verified && alteredRejected, detail);
  }
}
