package io.keyward.activities.hsm;

/** A restore was aimed at a key that already holds other versions; restore into a new name. */
public class KeyAlreadyExistsException extends RuntimeException {
  public KeyAlreadyExistsException(String message) {
    super(message);
  }
}
