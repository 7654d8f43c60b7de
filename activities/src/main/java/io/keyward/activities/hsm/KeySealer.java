package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Seals key material under the master secret: AES-256-GCM with a key derived by HKDF-SHA256 from
 * the master secret, the key file's random salt and the key's identity. The caller's associated
 * data binds each sealed record to its key, version and attributes, so a record moved to another
 * key or version, or whose attributes were edited, no longer opens.
 */
final class KeySealer {
  static final int SALT_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String SEALING_INFO = "keyward/software-key/v1/";
  private static final String ID_INFO = "keyward/master-secret-id/v1";

  private final MasterSecret secret;
  private final SecureRandom random;
  private final String masterSecretId;

  KeySealer(MasterSecret secret, SecureRandom random) {
    this.secret = secret;
    this.random = random;
    byte[] id = derive(null, ID_INFO, 16);
    this.masterSecretId = HexFormat.of().formatHex(id);
  }

  /**
   * A public, one-way identifier of the master secret, kept in key files so that opening them with
   * another secret fails with a clear message instead of an authentication error.
   */
  String masterSecretId() {
    return masterSecretId;
  }

  byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return salt;
  }

  /** IV followed by ciphertext and tag. */
  byte[] seal(byte[] salt, KeyRef key, byte[] associatedData, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] dataKey = derive(salt, SEALING_INFO + key, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BouncyCastle.PROVIDER);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData);
      byte[] ciphertext = cipher.doFinal(plaintext);
      byte[] sealed = Arrays.copyOf(iv, IV_BYTES + ciphertext.length);
      System.arraycopy(ciphertext, 0, sealed, IV_BYTES, ciphertext.length);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM sealing is unavailable", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Opens a sealed record; {@link TamperedKeyFileException} naming {@code what} when it does not
   * authenticate. Callers clear the returned array when done.
   */
  byte[] open(byte[] salt, KeyRef key, byte[] associatedData, byte[] sealed, String what) {
    if (sealed == null || sealed.length <= IV_BYTES) {
      throw new TamperedKeyFileException(what + " has no sealed key material");
    }
    byte[] dataKey = derive(salt, SEALING_INFO + key, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BouncyCastle.PROVIDER);
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new TamperedKeyFileException(
          what + " fails authentication: it was altered or moved from another key or version");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM opening is unavailable", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private byte[] derive(byte[] salt, String info, int length) {
    byte[] ikm = secret.copyBytes();
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.UTF_8)));
      byte[] out = new byte[length];
      hkdf.generateBytes(out, 0, length);
      return out;
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }
}
