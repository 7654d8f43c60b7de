package io.keyward.activities.hsm;

/** See {@link KeyProvider}. */
public class UnsupportedKeySpecException extends RuntimeException {
  public UnsupportedKeySpecException(String message) {
    super(message);
  }
}
