package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.GateDecisionType;
import java.util.Arrays;

/** The JSON body of a decision at a lifecycle's approval gate; the decider is the principal. */
@JsonIgnoreProperties({"actor"})
public record GateDecisionBody(GateDecisionType decision, String reason) {
  public static final int MAX_REASON = 2000;

  GateDecision toDecision(Actor actor) {
    if (decision == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(GateDecisionType.values()));
    }
    String text = reason == null || reason.isBlank() ? null : reason.strip();
    if (text != null && text.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason must be at most " + MAX_REASON + " characters, was " + text.length());
    }
    return new GateDecision(actor, decision, text);
  }
}
