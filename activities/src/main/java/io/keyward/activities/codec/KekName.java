package io.keyward.activities.codec;

import io.keyward.workflows.common.KeyRef;

/**
 * A key-encryption key as configuration names it, {@code <provider>:<vault>/<name>}; with a
 * version, {@code <provider>:<vault>/<name>@<version>} is the id a payload carries.
 */
record KekName(String provider, KeyRef key) {
  static KekName parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "a key-encryption key is written <provider>:<vault>/<name>, e.g. "
              + "software:keyward/payloads; got '"
              + text
              + "'");
    }
    return new KekName(text.substring(0, colon), KeyRef.parse(text.substring(colon + 1)));
  }

  /** Splits a payload's key id into the name and the version. */
  static Versioned parseId(String id) {
    int at = id == null ? -1 : id.lastIndexOf('@');
    if (at <= 0 || at == id.length() - 1) {
      throw new IllegalArgumentException("not a key-encryption key id: " + id);
    }
    return new Versioned(parse(id.substring(0, at)), id.substring(at + 1));
  }

  record Versioned(KekName name, String version) {
    String id() {
      return name + "@" + version;
    }
  }

  @Override
  public String toString() {
    return provider + ":" + key;
  }
}
