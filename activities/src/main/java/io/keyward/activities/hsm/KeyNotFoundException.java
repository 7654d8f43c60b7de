package io.keyward.activities.hsm;

/** See {@link KeyProvider}. */
public class KeyNotFoundException extends RuntimeException {
  public KeyNotFoundException(String message) {
    super(message);
  }
}
