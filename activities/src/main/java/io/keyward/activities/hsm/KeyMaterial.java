package io.keyward.activities.hsm;

import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret part of one software key version, in memory only for the span of one operation. Its
 * encoded form (PKCS#8 and X.509 for key pairs, raw bytes for secret keys) exists only to be
 * sealed.
 */
final class KeyMaterial {
  private final KeyType type;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SecretKey secretKey;

  private KeyMaterial(
      KeyType type, PrivateKey privateKey, PublicKey publicKey, SecretKey secretKey) {
    this.type = type;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.secretKey = secretKey;
  }

  /** Generates a key of a spec the software provider supports (checked by the caller). */
  static KeyMaterial generate(KeyType type, Integer size, EcCurve curve, SecureRandom random) {
    try {
      return switch (type) {
        case RSA -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
          generator.initialize(new RSAKeyGenParameterSpec(size, RSAKeyGenParameterSpec.F4), random);
          yield pair(type, generator.generateKeyPair());
        }
        case EC -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
          generator.initialize(new ECGenParameterSpec(curve.jcaName()), random);
          yield pair(type, generator.generateKeyPair());
        }
        case AES, HMAC -> {
          KeyGenerator generator =
              KeyGenerator.getInstance(secretAlgorithm(type, size), BouncyCastle.PROVIDER);
          generator.init(size, random);
          yield new KeyMaterial(type, null, null, generator.generateKey());
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key", e);
    }
  }

  private static KeyMaterial pair(KeyType type, KeyPair pair) {
    return new KeyMaterial(type, pair.getPrivate(), pair.getPublic(), null);
  }

  /** The JCA algorithm of a secret key: {@code AES}, {@code HmacSHA256} or {@code HmacSHA384}. */
  static String secretAlgorithm(KeyType type, Integer size) {
    if (type == KeyType.AES) {
      return "AES";
    }
    return size != null && size == 384 ? "HmacSHA384" : "HmacSHA256";
  }

  /** The encoding that gets sealed; the caller clears it after sealing. */
  byte[] encode() {
    if (secretKey != null) {
      return secretKey.getEncoded();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] privateEncoded = privateKey.getEncoded();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(privateEncoded.length);
      out.write(privateEncoded);
      byte[] publicEncoded = publicKey.getEncoded();
      out.writeInt(publicEncoded.length);
      out.write(publicEncoded);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode key material", e);
    } finally {
      Arrays.fill(privateEncoded, (byte) 0);
    }
    return bytes.toByteArray();
  }

  static KeyMaterial decode(KeyType type, Integer size, byte[] encoded) {
    try {
      return switch (type) {
        case AES, HMAC ->
            new KeyMaterial(
                type, null, null, new SecretKeySpec(encoded, secretAlgorithm(type, size)));
        case RSA, EC -> {
          DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
          byte[] privateEncoded = in.readNBytes(in.readInt());
          byte[] publicEncoded = in.readNBytes(in.readInt());
          KeyFactory factory = KeyFactory.getInstance(type.name(), BouncyCastle.PROVIDER);
          try {
            yield new KeyMaterial(
                type,
                factory.generatePrivate(new PKCS8EncodedKeySpec(privateEncoded)),
                factory.generatePublic(new X509EncodedKeySpec(publicEncoded)),
                null);
          } finally {
            Arrays.fill(privateEncoded, (byte) 0);
          }
        }
      };
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new TamperedKeyFileException("sealed " + type + " key material cannot be decoded");
    }
  }

  KeyType type() {
    return type;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  SecretKey secretKey() {
    return secretKey;
  }

  /** SHA-256 of the encoded public key in lowercase hex; null for secret keys. */
  String publicKeyFingerprint() {
    if (publicKey == null) {
      return null;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The key size in bits as reported for the version: modulus, curve or secret length. */
  static Integer reportedSize(KeyType type, Integer size, EcCurve curve) {
    return type == KeyType.EC ? Integer.valueOf(curve.bits()) : size;
  }
}
