package io.keyward.activities.hsm.pkcs11;

import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyType;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;

/**
 * The algorithms of the PKCS#11 provider, chosen to match the other providers: RSA-PSS with SHA-256
 * and RSA-OAEP with SHA-256; ECDSA with the hash that matches the curve; HMAC-SHA-256/384; AES-GCM
 * with a random 96-bit IV written before the ciphertext.
 *
 * <p>Everything that needs a private or secret key runs in the token. What needs only the public
 * key (verifying, RSA encryption) runs in the JVM with the public key from the version's
 * certificate, as any relying party would.
 */
final class TokenCrypto {
  static final PSSParameterSpec PSS_SHA256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
  private static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;

  private final Provider token;
  private final SecureRandom random;

  TokenCrypto(Provider token, SecureRandom random) {
    this.token = token;
    this.random = random;
  }

  /** The signature algorithm of an asymmetric key, or the MAC algorithm of an HMAC key. */
  static String signatureAlgorithm(KeyType type, Integer size, EcCurve curve) {
    return switch (type) {
      case RSA -> "RSASSA-PSS";
      case EC ->
          switch (curve) {
            case P_256 -> "SHA256withECDSA";
            case P_384 -> "SHA384withECDSA";
            case P_521 -> "SHA512withECDSA";
          };
      case HMAC -> macAlgorithm(size);
      case AES -> throw new IllegalArgumentException("AES keys do not sign");
    };
  }

  static String macAlgorithm(Integer size) {
    return size != null && size == 384 ? "HmacSHA384" : "HmacSHA256";
  }

  byte[] sign(VersionRecord record, Key key, byte[] data) {
    String algorithm = signatureAlgorithm(record.type(), record.size(), record.curve());
    try {
      if (record.type() == KeyType.HMAC) {
        return mac(algorithm, key, data);
      }
      Signature signature = Signature.getInstance(algorithm, token);
      if (record.type() == KeyType.RSA) {
        signature.setParameter(PSS_SHA256);
      }
      signature.initSign((PrivateKey) key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          algorithm + " signing failed in the token: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * @param key the version's public key, or its secret key in the token for HMAC
   */
  boolean verify(VersionRecord record, Key key, byte[] data, byte[] signatureBytes) {
    if (signatureBytes == null) {
      return false;
    }
    String algorithm = signatureAlgorithm(record.type(), record.size(), record.curve());
    try {
      if (record.type() == KeyType.HMAC) {
        return MessageDigest.isEqual(mac(algorithm, key, data), signatureBytes);
      }
      Signature signature = Signature.getInstance(algorithm);
      if (record.type() == KeyType.RSA) {
        signature.setParameter(PSS_SHA256);
      }
      signature.initVerify((PublicKey) key);
      signature.update(data);
      return signature.verify(signatureBytes);
    } catch (SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " verification failed", e);
    }
  }

  /**
   * @param key the version's public key for RSA, its secret key in the token for AES
   */
  byte[] encrypt(VersionRecord record, Key key, byte[] plaintext) {
    try {
      if (record.type() == KeyType.AES) {
        byte[] iv = new byte[GCM_IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, iv));
        byte[] ciphertext = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, GCM_IV_BYTES + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, GCM_IV_BYTES, ciphertext.length);
        return out;
      }
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA256, random);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          record.type() + " encryption failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * @param key the version's private key for RSA or secret key for AES, both in the token
   */
  byte[] decrypt(VersionRecord record, Key key, byte[] ciphertext) {
    String refused =
        "ciphertext does not decrypt under this "
            + record.type()
            + " key version: wrong key, or altered ciphertext";
    if (record.type() == KeyType.AES) {
      if (ciphertext.length <= GCM_IV_BYTES) {
        throw new IllegalArgumentException("AES-GCM ciphertext is shorter than its IV and tag");
      }
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", token);
        cipher.init(
            Cipher.DECRYPT_MODE,
            key,
            new GCMParameterSpec(GCM_TAG_BITS, Arrays.copyOfRange(ciphertext, 0, GCM_IV_BYTES)));
        return cipher.doFinal(ciphertext, GCM_IV_BYTES, ciphertext.length - GCM_IV_BYTES);
      } catch (javax.crypto.AEADBadTagException e) {
        throw new IllegalArgumentException(refused);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "AES decryption failed in the token: " + e.getClass().getSimpleName());
      }
    }
    TokenRawRsa raw = new TokenRawRsa(token, (PrivateKey) key, record.size());
    if (ciphertext.length != raw.getInputBlockSize()) {
      throw new IllegalArgumentException(refused);
    }
    OAEPEncoding oaep = new OAEPEncoding(raw, new SHA256Digest(), new SHA256Digest(), null);
    oaep.init(false, null);
    try {
      return oaep.processBlock(ciphertext, 0, ciphertext.length);
    } catch (InvalidCipherTextException e) {
      throw new IllegalArgumentException(refused);
    }
  }

  private byte[] mac(String algorithm, Key key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(algorithm, token);
    mac.init(key);
    return mac.doFinal(data);
  }
}
