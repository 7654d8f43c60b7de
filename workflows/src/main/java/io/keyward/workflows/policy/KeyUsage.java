package io.keyward.workflows.policy;

import java.util.Optional;

/**
 * What a key is used for, as the rows of the rotation schedule matrix name it (runbook 6.1). The
 * usage decides how often a key rotates, whether it rotates automatically and who must approve.
 */
public enum KeyUsage {
  ROOT_CA("Root CA key"),
  INTERMEDIATE_CA("Intermediate CA key"),
  TLS_CERTIFICATE("TLS certificate key"),
  DATABASE_TDE("Database TDE key"),
  APPLICATION("Application key"),
  API_KEY("API key"),
  SERVICE_TOKEN("Service token key");

  /** The tag under which a key records its usage, so reconciliation can find it again. */
  public static final String TAG = "KeyUsage";

  private final String label;

  KeyUsage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The rule that ties a usage to a classification: root CA keys are ULTRA (runbook 2.1's matrix,
   * Appendix A); every other usage fits every classification.
   */
  public Optional<PolicyViolation> violationAt(Classification classification) {
    if (this == ROOT_CA && classification != Classification.ULTRA) {
      return Optional.of(
          new PolicyViolation(
              "root-ca-ultra",
              "a root CA key is ULTRA (runbook 2.1, Appendix A), not " + classification));
    }
    return Optional.empty();
  }

  /** The usage a tag value names, or {@code fallback} when the value is absent or unknown. */
  public static KeyUsage fromTag(String value, KeyUsage fallback) {
    if (value == null) {
      return fallback;
    }
    for (KeyUsage usage : values()) {
      if (usage.name().equalsIgnoreCase(value.strip())) {
        return usage;
      }
    }
    return fallback;
  }
}
