package io.keyward.workflows.compromise;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** Completes one long-term task with a summary of its result. */
public record TaskCompletion(Actor actor, FollowUpKind task, String summary)
    implements PersonCarrying {
  public static final int MAX_SUMMARY = 4000;
}
