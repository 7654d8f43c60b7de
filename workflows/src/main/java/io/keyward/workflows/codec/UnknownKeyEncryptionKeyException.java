package io.keyward.workflows.codec;

/** A payload names a key-encryption key this process does not keep. */
public final class UnknownKeyEncryptionKeyException extends RuntimeException {
  public UnknownKeyEncryptionKeyException(String message) {
    super(message);
  }
}
