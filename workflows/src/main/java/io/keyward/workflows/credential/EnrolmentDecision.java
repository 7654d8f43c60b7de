package io.keyward.workflows.credential;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.DecisionAssertion;

/**
 * A lead's decision on an enrolment; {@code actor} is the authenticated person. An approval carries
 * {@code assertion}: the lead's own enrolled security key signing it (see {@link
 * io.keyward.workflows.webauthn.SignedDecisions}); null on a refusal, and in histories from before
 * it existed.
 */
public record EnrolmentDecision(
    Actor actor, EnrolmentDecisionType type, String reason, DecisionAssertion assertion)
    implements PersonCarrying {

  /** A decision no security key signed. */
  public EnrolmentDecision(Actor actor, EnrolmentDecisionType type, String reason) {
    this(actor, type, reason, null);
  }
}
