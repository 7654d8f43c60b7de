package io.keyward.workflows.common;

import java.util.regex.Pattern;

/**
 * Names one key: the vault (or HSM partition) that holds it and its name there. Validates itself
 * against Azure Key Vault's naming rules, which are also safe as Temporal workflow id parts.
 */
public record KeyRef(String vault, String name) {
  private static final Pattern VAULT = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-]{1,127}");

  public KeyRef {
    if (vault == null || !VAULT.matcher(vault).matches()) {
      throw new IllegalArgumentException(
          "vault must be 3-24 letters, digits or dashes, starting with a letter: " + quote(vault));
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "key name must be 1-127 letters, digits or dashes: " + quote(name));
    }
  }

  /** Parses {@code vault/name}. */
  public static KeyRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("key must be written as vault/name: " + quote(text));
    }
    return new KeyRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return vault + "/" + name;
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'";
  }
}
