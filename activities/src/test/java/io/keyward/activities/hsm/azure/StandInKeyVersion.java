package io.keyward.activities.hsm.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One key version in the stand-in: real key material made in software, and the attributes Key Vault
 * keeps (JSON Web Key type, key_ops, enabled, nbf/exp/created/updated in Unix seconds, tags).
 * Signing takes a digest, as Key Vault's sign operation does.
 */
final class StandInKeyVersion {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Map<Integer, KeyPair> LARGE_RSA = new HashMap<>();

  final String version;
  final String kty;
  final int size;
  final String crv;
  final KeyPair pair;
  final SecretKey secret;
  final long created;
  List<String> keyOps;
  boolean enabled;
  Long nbf;
  Long exp;
  long updated;
  Map<String, String> tags;

  private StandInKeyVersion(
      String kty, int size, String crv, KeyPair pair, SecretKey secret, long created) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    this.version = HexFormat.of().formatHex(id);
    this.kty = kty;
    this.size = size;
    this.crv = crv;
    this.pair = pair;
    this.secret = secret;
    this.created = created;
    this.updated = created;
  }

  /** Generates a version; {@code kty} is RSA, RSA-HSM, EC, EC-HSM or oct-HSM. */
  static StandInKeyVersion generate(String kty, Integer keySize, String crv, long now)
      throws GeneralSecurityException {
    String family = kty.replace("-HSM", "");
    switch (family) {
      case "RSA" -> {
        int size = keySize == null ? 2048 : keySize;
        return new StandInKeyVersion(kty, size, null, rsaPair(size), null, now);
      }
      case "EC" -> {
        String curve = crv == null ? "P-256" : crv;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(jcaCurve(curve)));
        return new StandInKeyVersion(
            kty, curveBits(curve), curve, generator.generateKeyPair(), null, now);
      }
      case "oct" -> {
        int size = keySize == null ? 256 : keySize;
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(size);
        return new StandInKeyVersion(kty, size, null, null, generator.generateKey(), now);
      }
      default -> throw new IllegalArgumentException("unknown key type " + kty);
    }
  }

  /**
   * RSA pairs of 3072 bits and more are made once per JVM and shared, since making them in software
   * takes seconds; tests that compare versions use smaller keys, which are always fresh.
   */
  private static KeyPair rsaPair(int size) throws GeneralSecurityException {
    if (size < 3072) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(size);
      return generator.generateKeyPair();
    }
    synchronized (LARGE_RSA) {
      KeyPair pair = LARGE_RSA.get(size);
      if (pair == null) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(size);
        pair = generator.generateKeyPair();
        LARGE_RSA.put(size, pair);
      }
      return pair;
    }
  }

  /** A new version with the same type and parameters, for rotation. */
  StandInKeyVersion regenerate(long now) throws GeneralSecurityException {
    StandInKeyVersion next = generate(kty, size, crv, now);
    next.keyOps = new ArrayList<>(keyOps);
    next.enabled = true;
    next.tags = new TreeMap<>(tags);
    return next;
  }

  ObjectNode bundle(String baseUrl, String name) {
    ObjectNode bundle = JsonNodeFactory.instance.objectNode();
    ObjectNode key = bundle.putObject("key");
    key.put("kid", baseUrl + "/keys/" + name + "/" + version);
    key.put("kty", kty);
    key.putArray("key_ops")
        .addAll(keyOps.stream().map(JsonNodeFactory.instance::textNode).toList());
    if (pair != null && pair.getPublic() instanceof RSAPublicKey rsa) {
      key.put("n", B64.encodeToString(unsigned(rsa.getModulus(), (size + 7) / 8)));
      key.put("e", B64.encodeToString(rsa.getPublicExponent().toByteArray()));
    } else if (pair != null && pair.getPublic() instanceof ECPublicKey ec) {
      int bytes = (size + 7) / 8;
      key.put("crv", crv);
      key.put("x", B64.encodeToString(unsigned(ec.getW().getAffineX(), bytes)));
      key.put("y", B64.encodeToString(unsigned(ec.getW().getAffineY(), bytes)));
    }
    bundle.set("attributes", attributes());
    ObjectNode tagNode = bundle.putObject("tags");
    tags.forEach(tagNode::put);
    return bundle;
  }

  ObjectNode item(String kid) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("kid", kid);
    item.set("attributes", attributes());
    ObjectNode tagNode = item.putObject("tags");
    tags.forEach(tagNode::put);
    return item;
  }

  private ObjectNode attributes() {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    attributes.put("enabled", enabled);
    if (nbf != null) {
      attributes.put("nbf", nbf);
    }
    if (exp != null) {
      attributes.put("exp", exp);
    }
    attributes.put("created", created);
    attributes.put("updated", updated);
    attributes.put("recoveryLevel", "Recoverable+Purgeable");
    attributes.put("recoverableDays", 90);
    return attributes;
  }

  byte[] sign(String alg, byte[] digest) throws GeneralSecurityException {
    if (alg.startsWith("PS")) {
      Signature pss = Signature.getInstance("NONEwithRSASSA-PSS", BC);
      pss.setParameter(pss(alg));
      pss.initSign(pair.getPrivate());
      pss.update(digest);
      return pss.sign();
    }
    Signature ecdsa = Signature.getInstance("NONEwithECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update(digest);
    return derToConcatenated(ecdsa.sign(), (size + 7) / 8);
  }

  boolean verify(String alg, byte[] digest, byte[] signature) throws GeneralSecurityException {
    if (alg.startsWith("PS")) {
      Signature pss = Signature.getInstance("NONEwithRSASSA-PSS", BC);
      pss.setParameter(pss(alg));
      pss.initVerify(pair.getPublic());
      pss.update(digest);
      return pss.verify(signature);
    }
    int half = (size + 7) / 8;
    if (signature.length != 2 * half) {
      return false;
    }
    Signature ecdsa = Signature.getInstance("NONEwithECDSA");
    ecdsa.initVerify(pair.getPublic());
    ecdsa.update(digest);
    return ecdsa.verify(concatenatedToDer(signature));
  }

  /** Encrypts; for AES-GCM returns ciphertext, IV and tag. */
  byte[][] encrypt(String alg, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
    if (alg.startsWith("RSA-OAEP")) {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      cipher.init(Cipher.ENCRYPT_MODE, pair.getPublic(), oaep());
      return new byte[][] {cipher.doFinal(plaintext)};
    }
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(128, iv));
    if (aad != null) {
      cipher.updateAAD(aad);
    }
    byte[] out = cipher.doFinal(plaintext);
    return new byte[][] {
      Arrays.copyOf(out, out.length - 16), iv, Arrays.copyOfRange(out, out.length - 16, out.length)
    };
  }

  byte[] decrypt(String alg, byte[] ciphertext, byte[] iv, byte[] tag, byte[] aad)
      throws GeneralSecurityException {
    if (alg.startsWith("RSA-OAEP")) {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate(), oaep());
      return cipher.doFinal(ciphertext);
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(128, iv));
    if (aad != null) {
      cipher.updateAAD(aad);
    }
    byte[] joined = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
    System.arraycopy(tag, 0, joined, ciphertext.length, tag.length);
    return cipher.doFinal(joined);
  }

  private static OAEPParameterSpec oaep() {
    return new OAEPParameterSpec(
        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  }

  private static PSSParameterSpec pss(String alg) {
    return switch (alg) {
      case "PS384" -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
      case "PS512" -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
      default -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    };
  }

  private static byte[] derToConcatenated(byte[] der, int half) {
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    byte[] out = new byte[2 * half];
    byte[] r = unsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), half);
    byte[] s = unsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), half);
    System.arraycopy(r, 0, out, 0, half);
    System.arraycopy(s, 0, out, half, half);
    return out;
  }

  private static byte[] concatenatedToDer(byte[] signature) throws GeneralSecurityException {
    int half = signature.length / 2;
    try {
      return new DERSequence(
              new ASN1Integer[] {
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(signature, 0, half))),
                new ASN1Integer(
                    new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length)))
              })
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == length) {
      return bytes;
    }
    byte[] out = new byte[length];
    if (bytes.length > length) {
      System.arraycopy(bytes, bytes.length - length, out, 0, length);
    } else {
      System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
    }
    return out;
  }

  private static String jcaCurve(String crv) {
    return switch (crv) {
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> "secp256r1";
    };
  }

  private static int curveBits(String crv) {
    return switch (crv) {
      case "P-384" -> 384;
      case "P-521" -> 521;
      default -> 256;
    };
  }
}
