package io.keyward.workflows.audit;

/**
 * The result of walking the chain: how many records were checked and, when broken, the sequence
 * number of the first bad record and what is wrong with it. When broken, {@code recordsChecked}
 * counts the records before the first bad one, which all verified.
 */
public record ChainVerification(long recordsChecked, Long firstBrokenSequence, String problem) {
  public static ChainVerification intact(long recordsChecked) {
    return new ChainVerification(recordsChecked, null, null);
  }

  public static ChainVerification brokenAt(long recordsChecked, long sequence, String problem) {
    return new ChainVerification(recordsChecked, sequence, problem);
  }

  public boolean intact() {
    return firstBrokenSequence == null;
  }

  /** The one-line verdict a person reads, e.g. {@code audit trail intact: 12 records}. */
  public String describe() {
    return intact()
        ? "audit trail intact: " + recordsChecked + " records"
        : "audit trail BROKEN at record #" + firstBrokenSequence + ": " + problem;
  }
}
