package io.keyward.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import java.util.Arrays;

/**
 * The JSON body of a decision. It names what is decided and why, never who: the decider is the
 * authenticated person, and an {@code actor} a client sends is ignored.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record DecisionBody(DecisionType decision, String reason) {
  public static final int MAX_REASON = 2000;

  Decision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(DecisionType.values()));
    }
    String text = reason == null || reason.isBlank() ? null : reason.strip();
    if (text != null && text.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason must be at most " + MAX_REASON + " characters, was " + text.length());
    }
    return new Decision(actor, decision, text);
  }
}
