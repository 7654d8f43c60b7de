package io.keyward.workflows.lifecycle;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** A decision at the approval gate. {@code actor} comes from the authenticated principal. */
public record GateDecision(Actor actor, GateDecisionType type, String reason)
    implements PersonCarrying {}
