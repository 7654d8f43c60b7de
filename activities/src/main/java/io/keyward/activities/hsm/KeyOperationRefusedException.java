package io.keyward.activities.hsm;

/**
 * A key version exists but may not be used for the operation asked: it is disabled, outside its
 * validity window, lacks the operation in its permitted operations, or its type cannot perform it.
 * Retrying does not help; enabling the version or using another key does.
 */
public class KeyOperationRefusedException extends RuntimeException {
  public KeyOperationRefusedException(String message) {
    super(message);
  }
}
