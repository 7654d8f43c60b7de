package io.keyward.activities.hsm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Opens a key file with the master secret, as the provider does, to learn what its key material
 * looks like in the clear, so a test can prove that none of those forms appears at rest.
 */
final class SealedMaterial {
  private SealedMaterial() {}

  /**
   * Raw, hex and (at every alignment) base64 forms of every version's secret material, and of
   * private keys' PKCS#8.
   */
  static List<byte[]> plaintextForms(Path keyFile, MasterSecret secret) throws Exception {
    KeyFile file = KeyFileJson.MAPPER.readValue(Files.readAllBytes(keyFile), KeyFile.class);
    KeySealer sealer = new KeySealer(secret, new SecureRandom());
    byte[] salt = Base64.getDecoder().decode(file.salt());
    List<byte[]> forms = new ArrayList<>();
    for (StoredVersion v : file.versions()) {
      byte[] encoded =
          sealer.open(
              salt,
              file.key(),
              v.binding(file.key()),
              Base64.getDecoder().decode(v.sealed()),
              "test");
      KeyMaterial material = KeyMaterial.decode(v.type(), v.size(), encoded);
      byte[] secretPart =
          material.secretKey() != null
              ? material.secretKey().getEncoded()
              : material.privateKey().getEncoded();
      for (byte[] raw : List.of(encoded, secretPart)) {
        forms.add(raw);
        forms.add(HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
        // Inside a longer base64 text the material starts at one of three byte alignments.
        for (int shift = 0; shift < 3; shift++) {
          int length = (raw.length - shift) / 3 * 3;
          byte[] aligned = Arrays.copyOfRange(raw, shift, shift + length);
          forms.add(Base64.getEncoder().encode(aligned));
          forms.add(Base64.getUrlEncoder().encode(aligned));
        }
      }
    }
    return forms;
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static boolean contains(byte[] haystack, String needle) {
    return contains(haystack, needle.getBytes(StandardCharsets.US_ASCII));
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
