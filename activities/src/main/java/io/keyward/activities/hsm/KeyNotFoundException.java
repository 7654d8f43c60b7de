package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;

/** See {@link KeyProvider}. */
public class KeyNotFoundException extends RuntimeException {
  public KeyNotFoundException(String message) {
    super(message);
  }

  /** The standard message: the key, and the version when one was named ({@code null}: newest). */
  public static KeyNotFoundException of(KeyRef key, String version) {
    return new KeyNotFoundException(
        version == null
            ? "key " + key + " not found"
            : "key " + key + " version " + version + " not found");
  }
}
