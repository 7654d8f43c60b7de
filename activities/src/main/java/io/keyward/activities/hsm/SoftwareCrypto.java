package io.keyward.activities.hsm;

import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyType;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The algorithms behind sign, verify, encrypt and decrypt for each software key type: RSA-PSS with
 * SHA-256 and RSA-OAEP with SHA-256; ECDSA with the hash that matches the curve; HMAC-SHA-256/384;
 * AES-GCM with a random 96-bit IV written before the ciphertext.
 */
final class SoftwareCrypto {
  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;
  private static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final SecureRandom random;

  SoftwareCrypto(SecureRandom random) {
    this.random = random;
  }

  /** The JCA signature algorithm of an asymmetric key, or the MAC algorithm of an HMAC key. */
  static String signatureAlgorithm(KeyType type, Integer size, EcCurve curve) {
    return switch (type) {
      case RSA -> "SHA256withRSA/PSS";
      case EC ->
          switch (curve) {
            case P_256 -> "SHA256withECDSA";
            case P_384 -> "SHA384withECDSA";
            case P_521 -> "SHA512withECDSA";
          };
      case HMAC -> KeyMaterial.secretAlgorithm(type, size);
      case AES -> throw new IllegalArgumentException("AES keys do not sign");
    };
  }

  byte[] sign(StoredVersion version, KeyMaterial key, byte[] data) {
    String algorithm = signatureAlgorithm(version.type(), version.size(), version.curve());
    try {
      if (version.type() == KeyType.HMAC) {
        Mac mac = Mac.getInstance(algorithm, BouncyCastle.PROVIDER);
        mac.init(key.secretKey());
        return mac.doFinal(data);
      }
      Signature signature = Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
      signature.initSign(key.privateKey(), random);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " signing failed", e);
    }
  }

  boolean verify(StoredVersion version, KeyMaterial key, byte[] data, byte[] signatureBytes) {
    if (signatureBytes == null) {
      return false;
    }
    String algorithm = signatureAlgorithm(version.type(), version.size(), version.curve());
    try {
      if (version.type() == KeyType.HMAC) {
        Mac mac = Mac.getInstance(algorithm, BouncyCastle.PROVIDER);
        mac.init(key.secretKey());
        return MessageDigest.isEqual(mac.doFinal(data), signatureBytes);
      }
      Signature signature = Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
      signature.initVerify(key.publicKey());
      signature.update(data);
      return signature.verify(signatureBytes);
    } catch (SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " verification failed", e);
    }
  }

  byte[] encrypt(StoredVersion version, KeyMaterial key, byte[] plaintext) {
    try {
      if (version.type() == KeyType.AES) {
        byte[] iv = new byte[GCM_IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BouncyCastle.PROVIDER);
        cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(GCM_TAG_BITS, iv));
        byte[] ciphertext = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, GCM_IV_BYTES + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, GCM_IV_BYTES, ciphertext.length);
        return out;
      }
      Cipher cipher = rsaOaep();
      cipher.init(Cipher.ENCRYPT_MODE, key.publicKey(), OAEP_SHA256, random);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          version.type() + " encryption failed: " + e.getClass().getSimpleName());
    }
  }

  byte[] decrypt(StoredVersion version, KeyMaterial key, byte[] ciphertext) {
    try {
      if (version.type() == KeyType.AES) {
        if (ciphertext.length <= GCM_IV_BYTES) {
          throw new IllegalArgumentException("AES-GCM ciphertext is shorter than its IV and tag");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BouncyCastle.PROVIDER);
        cipher.init(
            Cipher.DECRYPT_MODE,
            key.secretKey(),
            new GCMParameterSpec(GCM_TAG_BITS, ciphertext, 0, GCM_IV_BYTES));
        return cipher.doFinal(ciphertext, GCM_IV_BYTES, ciphertext.length - GCM_IV_BYTES);
      }
      Cipher cipher = rsaOaep();
      cipher.init(Cipher.DECRYPT_MODE, key.privateKey(), OAEP_SHA256);
      return cipher.doFinal(ciphertext);
    } catch (BadPaddingException e) {
      throw new IllegalArgumentException(
          "ciphertext does not decrypt under this "
              + version.type()
              + " key version: wrong key, or altered ciphertext");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          version.type() + " decryption failed: " + e.getClass().getSimpleName());
    }
  }

  private static Cipher rsaOaep() throws GeneralSecurityException {
    return Cipher.getInstance("RSA/NONE/OAEPWithSHA256AndMGF1Padding", BouncyCastle.PROVIDER);
  }
}
