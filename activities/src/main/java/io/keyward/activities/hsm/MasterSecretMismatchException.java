package io.keyward.activities.hsm;

/**
 * Key material was sealed under a different master secret than the one configured. Usually a
 * deployment that lost or changed {@code KEYWARD_MASTER_SECRET}; never retry, restore the right
 * secret. The message names the file or backup, never a secret.
 */
public class MasterSecretMismatchException extends IllegalStateException {
  public MasterSecretMismatchException(String message) {
    super(message);
  }
}
