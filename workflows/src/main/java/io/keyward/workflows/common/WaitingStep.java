package io.keyward.workflows.common;

import java.time.Instant;
import java.util.List;

/**
 * What an inbox row needs of a ceremony's open human step, published in the run's memo (under
 * {@link #MEMO_KEY}) each time the step changes, so that the inbox lists a page of runs with one
 * visibility query and asks none of them: who asked, who already took part (the ceremony refuses
 * them at every later step), when the step opened and when it is due. The memo goes through the
 * payload codec like every payload, so these person ids are not readable in Temporal Web; the due
 * date is also the search attribute {@link KeywardSearchAttributes#STEP_DUE}, which orders the
 * inbox.
 *
 * @param requester the person who asked; the ceremony refuses their decisions
 * @param participants the people whose decisions the ceremony accepted, in order
 * @param opened when the open step opened; null when no step is open
 * @param due when the open step expires; null when no step is open
 */
public record WaitingStep(
    String requester, List<String> participants, Instant opened, Instant due) {
  /** The memo field that holds it. */
  public static final String MEMO_KEY = "waitingStep";

  public WaitingStep {
    participants = participants == null ? List.of() : List.copyOf(participants);
  }

  /** Whether {@code person} asked or already took part. */
  public boolean involves(String person) {
    return person.equals(requester) || participants.contains(person);
  }
}
