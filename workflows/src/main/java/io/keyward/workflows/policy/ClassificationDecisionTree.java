package io.keyward.workflows.policy;

/**
 * Runbook Appendix A: the questions that decide a key's classification, asked in order; the first
 * "yes" decides.
 */
public final class ClassificationDecisionTree {
  /** The answers to Appendix A's questions. */
  public record Answers(
      boolean topSecretOrRootCa,
      boolean financialOrHealthData,
      boolean businessCritical,
      boolean internalSystems) {}

  private ClassificationDecisionTree() {}

  public static Classification classify(Answers answers) {
    if (answers.topSecretOrRootCa()) {
      return Classification.ULTRA;
    }
    if (answers.financialOrHealthData()) {
      return Classification.SECRET;
    }
    if (answers.businessCritical()) {
      return Classification.CONFIDENTIAL;
    }
    if (answers.internalSystems()) {
      return Classification.RESTRICTED;
    }
    return Classification.PUBLIC;
  }
}
