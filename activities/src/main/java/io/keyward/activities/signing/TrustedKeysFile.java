package io.keyward.activities.signing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.attestation.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The keys a worker trusts, from a YAML file:
 *
 * <pre>
 * trustedKeys:
 *   - keyId: pkcs11:keyward/decisions@3
 *     publicKey: |
 *       -----BEGIN PUBLIC KEY-----
 *       ...
 *       -----END PUBLIC KEY-----
 *     notAfter: 2027-03-01T00:00:00Z   # optional: the end of a rotation's overlap
 * </pre>
 */
final class TrustedKeysFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private TrustedKeysFile() {}

  record Entry(String keyId, String publicKey, Instant notAfter) {}

  record Contents(List<Entry> trustedKeys) {}

  static List<TrustedKey> read(Path file) {
    Contents contents;
    try {
      contents = YAML.readValue(Files.readString(file), Contents.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the trusted signing keys file " + file + ": " + e.getMessage(), e);
    }
    if (contents == null || contents.trustedKeys() == null) {
      throw new IllegalArgumentException(file + " lists no trustedKeys");
    }
    return contents.trustedKeys().stream()
        .map(entry -> new TrustedKey(entry.keyId(), publicKey(entry), entry.notAfter()))
        .toList();
  }

  /** An SPKI public key in PEM, as {@code openssl ec -pubout} writes it. */
  static PublicKey publicKey(Entry entry) {
    if (entry.keyId() == null || entry.publicKey() == null) {
      throw new IllegalArgumentException("a trusted key needs keyId and publicKey");
    }
    String base64 =
        entry
            .publicKey()
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the publicKey of trusted key " + entry.keyId() + " is not an EC public key in PEM", e);
    }
  }

  /** {@code key} as PEM, for the trusted keys file of workers. */
  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
