package io.keyward.activities.hsm.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The objects OpenSC's {@code pkcs11-tool --list-objects} prints, parsed; dev mode's tests read a
 * token with it too.
 */
public record TokenListing(List<TokenListing.TokenObject> objects) {
  /** One object: its class line (e.g. "Private Key Object; EC"), label, id (hex) and access. */
  public record TokenObject(String kind, String label, String id, String access) {
    public boolean isPrivateKey() {
      return kind.startsWith("Private Key Object");
    }

    boolean isSecretKey() {
      return kind.startsWith("Secret Key Object");
    }

    boolean isCertificate() {
      return kind.startsWith("Certificate Object");
    }

    /** True when the token says the key never was and never can be read out. */
    public boolean sensitiveAndNeverExtractable() {
      return access != null
          && access.contains("always sensitive")
          && access.contains("never extractable")
          && access.contains("local");
    }
  }

  public static TokenListing parse(String output) {
    List<TokenObject> objects = new ArrayList<>();
    String kind = null;
    String label = null;
    String id = null;
    String access = null;
    for (String line : output.split("\n")) {
      if (!line.startsWith(" ") && line.contains("Object")) {
        if (kind != null) {
          objects.add(new TokenObject(kind, label, id, access));
        }
        kind = line.strip();
        label = null;
        id = null;
        access = null;
      } else if (kind != null) {
        String field = line.strip();
        if (field.startsWith("label:")) {
          label = field.substring("label:".length()).strip();
        } else if (field.startsWith("ID:")) {
          id = field.substring("ID:".length()).strip();
        } else if (field.startsWith("Access:")) {
          access = field.substring("Access:".length()).strip();
        }
      }
    }
    if (kind != null) {
      objects.add(new TokenObject(kind, label, id, access));
    }
    return new TokenListing(objects);
  }

  Optional<TokenObject> privateKeyWithId(String alias) {
    String id = HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
    return objects.stream()
        .filter(o -> o.isPrivateKey() && id.equalsIgnoreCase(o.id()))
        .findFirst();
  }

  Optional<TokenObject> labelled(String label, boolean secretKey) {
    return objects.stream()
        .filter(o -> label.equals(o.label()))
        .filter(o -> secretKey ? o.isSecretKey() : o.isCertificate())
        .findFirst();
  }

  public List<TokenObject> mentioning(String aliasPrefix) {
    String idPrefix = HexFormat.of().formatHex(aliasPrefix.getBytes(StandardCharsets.UTF_8));
    return objects.stream()
        .filter(
            o ->
                (o.label() != null && o.label().startsWith(aliasPrefix))
                    || (o.id() != null && o.id().toLowerCase().startsWith(idPrefix)))
        .toList();
  }
}
