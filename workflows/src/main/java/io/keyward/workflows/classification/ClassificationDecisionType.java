package io.keyward.workflows.classification;

public enum ClassificationDecisionType {
  APPROVE,
  DENY
}
