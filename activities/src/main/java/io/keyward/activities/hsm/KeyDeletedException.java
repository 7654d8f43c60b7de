package io.keyward.activities.hsm;

/** See {@link KeyProvider}. */
public class KeyDeletedException extends RuntimeException {
  public KeyDeletedException(String message) {
    super(message);
  }
}
