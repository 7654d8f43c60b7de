package io.keyward.activities.audit;

/**
 * The result of walking the chain: how many records were checked and, when broken, the sequence
 * number of the first bad record and what is wrong with it.
 */
public record ChainVerification(long recordsChecked, Long firstBrokenSequence, String problem) {
  public boolean intact() {
    return firstBrokenSequence == null;
  }
}
