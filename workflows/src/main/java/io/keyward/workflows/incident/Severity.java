package io.keyward.workflows.incident;

import io.keyward.workflows.policy.Classification;

/**
 * Incident severities of the escalation matrix (runbook 17.2). How long an incident may stay
 * unacknowledged and who hears about it then is {@link EscalationMatrix}'s business.
 */
public enum Severity {
  /** Critical: a compromised production key, a service down. */
  P1,
  /** High. */
  P2,
  /** Medium. */
  P3,
  /** Low. */
  P4;

  /**
   * The least severity a compromise of a key of this classification may have (runbook 11 treats a
   * compromise as critical; the escalation matrix of 17.2 grades it by what the key protects): P1
   * for ULTRA and SECRET keys and for a key whose classification Keyward cannot tell (it counts as
   * ULTRA), P2 for CONFIDENTIAL, P3 for RESTRICTED, P4 for PUBLIC.
   */
  public static Severity floorFor(Classification classification) {
    if (classification == null) {
      return P1;
    }
    return switch (classification) {
      case ULTRA, SECRET -> P1;
      case CONFIDENTIAL -> P2;
      case RESTRICTED -> P3;
      case PUBLIC -> P4;
    };
  }

  /** True when this severity asks for a faster response than {@code other}. */
  public boolean isMoreSevereThan(Severity other) {
    return ordinal() < other.ordinal();
  }
}
