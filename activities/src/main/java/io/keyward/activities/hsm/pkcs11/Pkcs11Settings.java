package io.keyward.activities.hsm.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PKCS#11 token is: the vendor's library and exactly one way to pick the token, by slot id,
 * by position in the slot list, or by token label. The PIN is not part of the settings; see {@link
 * Pkcs11Pin}.
 *
 * <p>A token label is resolved to its slot through the JDK's PKCS#11 wrapper, which the JVM must
 * export to Keyward ({@code --add-exports
 * jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}); a slot id or index needs nothing.
 *
 * @param name the provider's name in configuration and in key attributes, e.g. {@code
 *     dedicated-hsm}
 * @param library the vendor's PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot the slot id, or null
 * @param slotListIndex the token's position in the slot list, or null
 * @param tokenLabel the token's label, or null
 */
public record Pkcs11Settings(
    String name, Path library, Long slot, Integer slotListIndex, String tokenLabel) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public Pkcs11Settings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a PKCS#11 provider name is 1-40 lowercase letters, digits or dashes, starting with a"
              + " letter: "
              + name);
    }
    Objects.requireNonNull(library, "the PKCS#11 provider " + name + " names no library");
    if (!Files.isRegularFile(library)) {
      throw new IllegalArgumentException(
          "PKCS#11 library " + library + " of provider " + name + " does not exist");
    }
    int ways =
        (slot == null ? 0 : 1) + (slotListIndex == null ? 0 : 1) + (tokenLabel == null ? 0 : 1);
    if (ways != 1) {
      throw new IllegalArgumentException(
          "the PKCS#11 provider "
              + name
              + " must name its token in exactly one way: slot, slotListIndex or tokenLabel");
    }
    if (slotListIndex != null && slotListIndex < 0) {
      throw new IllegalArgumentException(
          "slotListIndex of PKCS#11 provider " + name + " is negative: " + slotListIndex);
    }
    if (tokenLabel != null && (tokenLabel.isBlank() || tokenLabel.length() > 32)) {
      throw new IllegalArgumentException(
          "tokenLabel of PKCS#11 provider " + name + " must be 1-32 characters");
    }
  }

  /** The token as a person names it: {@code token 'keyward'}, {@code slot 0}. */
  public String describeToken() {
    if (tokenLabel != null) {
      return "token '" + tokenLabel + "'";
    }
    if (slot != null) {
      return "slot " + slot;
    }
    return "slot list index " + slotListIndex;
  }
}
