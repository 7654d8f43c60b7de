package io.keyward.workflows.policy;

/** One broken rule: a stable code and a sentence that names the rule and the runbook section. */
public record PolicyViolation(String rule, String message) {
  @Override
  public String toString() {
    return rule + ": " + message;
  }
}
