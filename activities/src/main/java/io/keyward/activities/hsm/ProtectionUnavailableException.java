package io.keyward.activities.hsm;

import io.keyward.workflows.policy.ProtectionLevel;

/**
 * No configured provider gives the protection level a key requires. A configuration problem, not a
 * transient one: the key must not be created somewhere weaker.
 */
public class ProtectionUnavailableException extends RuntimeException {
  private final ProtectionLevel required;

  public ProtectionUnavailableException(ProtectionLevel required, String message) {
    super(message);
    this.required = required;
  }

  public ProtectionLevel required() {
    return required;
  }
}
