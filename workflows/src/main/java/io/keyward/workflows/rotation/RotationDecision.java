package io.keyward.workflows.rotation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** A person's decision at the open step. {@code actor} comes from the authenticated principal. */
public record RotationDecision(Actor actor, RotationDecisionType type, String reason)
    implements PersonCarrying {}
