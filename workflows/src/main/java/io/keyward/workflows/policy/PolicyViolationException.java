package io.keyward.workflows.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown before any workflow starts when a request breaks the policy. */
public class PolicyViolationException extends RuntimeException {
  private final List<PolicyViolation> violations;

  public PolicyViolationException(List<PolicyViolation> violations) {
    super(violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<PolicyViolation> violations() {
    return violations;
  }
}
